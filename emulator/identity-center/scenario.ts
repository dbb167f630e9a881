// The IAM Identity Center side of a scenario: the names follow the sso-admin and identitystore
// APIs (CreateTrustedTokenIssuer, PutApplicationGrant, PutApplicationAccessScope,
// PutApplicationAuthenticationMethod, CreateApplicationAssignment, CreateAccountAssignment).

export interface TrustedTokenIssuer {
  arn: string
  // Compared with the token's `iss` exactly, as Identity Center does.
  issuerUrl: string
  // A dot path into the token's claims, e.g. `repository`.
  claimAttributePath: string
  // A dot path into the user's attributes, e.g. `userName` or `emails.value`.
  identityStoreAttributePath: string
}

export interface AuthorizedTokenIssuer {
  trustedTokenIssuerArn: string
  authorizedAudiences: string[]
}

export interface IdentityCenterApplication {
  name: string
  // One entry per grant type configured on the application (GetApplicationGrant).
  grants: {
    jwtBearer?: { authorizedTokenIssuers: AuthorizedTokenIssuer[] }
    // With this grant the token response carries a refresh token; null (in an override) removes it.
    refreshToken?: Record<string, never> | null
  }
  // Access scopes put on the application; the default scopes come on top of these.
  scopes: string[]
  // The scopes CreateTokenWithIAM documents as every application's defaults (`openid`, `aws`,
  // `sts:identity_context`) when absent. A list without one stands for an application that lacks
  // it, so that a client can be tested against that answer; whether an administrator can remove
  // a default scope is not documented.
  defaultScopes?: string[]
  // The application (actor) policy of the IAM authentication method: the role ARNs allowed to call
  // CreateTokenWithIAM for this application.
  actorPolicy: { allowedPrincipals: string[] }
  assignmentRequired: boolean
  // User ids assigned to the application.
  assignedUserIds: string[]
}

export interface IdentityCenterUser {
  userId: string
  userName: string
  displayName?: string
  emails?: { value: string; primary?: boolean }[]
}

export interface PermissionSet {
  sessionDurationSeconds: number
}

export interface AccountAssignment {
  userId: string
  accountId: string
  permissionSet: string
}

export interface IdentityCenterScenario {
  instanceArn: string
  identityStoreId: string
  region: string
  trustedTokenIssuers: TrustedTokenIssuer[]
  // Keyed by application ARN, which is the `clientId` of CreateTokenWithIAM.
  applications: Record<string, IdentityCenterApplication>
  users: IdentityCenterUser[]
  permissionSets: Record<string, PermissionSet>
  accountAssignments: AccountAssignment[]
  // The id token's lifetime; the access token's (an hour) when absent. Zero yields id tokens that
  // have expired by the time the client reads them.
  idTokenLifetimeSeconds?: number
  // How long an identity context assertion stays usable with STS; the id token's lifetime when
  // absent. Zero yields assertions that are already expired when STS sees them.
  contextAssertionLifetimeSeconds?: number
}
