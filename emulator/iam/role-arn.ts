// arn:PARTITION:iam::ACCOUNT:role/PATH/NAME; the path may have any number of segments.
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/

export interface RoleArn {
  arn: string
  partition: string
  accountId: string
  roleName: string
}

export function parseRoleArn(arn: string): RoleArn | undefined {
  const m = ROLE_ARN.exec(arn)
  if (!m) return undefined
  return { arn, partition: m[1], accountId: m[2], roleName: m[3] }
}
