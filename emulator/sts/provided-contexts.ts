import { lengthViolations } from './constraints.js'

// One member of AssumeRole's ProvidedContexts: the provider's ARN and its signed, encrypted
// assertion (STS API reference, ProvidedContext).
export interface ProvidedContext {
  providerArn: string
  contextAssertion: string
}

// The list holds at most five (botocore sts/2011-06-15/service-2.json, ProvidedContextsListType).
const MAX_PROVIDED_CONTEXTS = 5

// awsQuery flattens the list as ProvidedContexts.member.N.ProviderArn / .ContextAssertion.
export function parseProvidedContexts(params: URLSearchParams): {
  contexts: ProvidedContext[]
  violations: string[]
} {
  const field = (n: number, name: string) => params.get(`ProvidedContexts.member.${n}.${name}`)
  const contexts: ProvidedContext[] = []
  const violations: string[] = []
  for (let n = 1; field(n, 'ProviderArn') !== null || field(n, 'ContextAssertion') !== null; n++) {
    const providerArn = field(n, 'ProviderArn')
    const contextAssertion = field(n, 'ContextAssertion')
    const member = `providedContexts.${n}.member`
    violations.push(
      ...lengthViolations({
        member: `${member}.providerArn`,
        value: providerArn,
        min: 20,
        max: 2048
      }),
      // The model does not mark the assertion sensitive, but it is a bearer credential for the
      // user's identity: echoing it would put it in the client's error log.
      ...lengthViolations({
        member: `${member}.contextAssertion`,
        value: contextAssertion,
        min: 4,
        max: 2048,
        sensitive: true
      })
    )
    contexts.push({ providerArn: providerArn ?? '', contextAssertion: contextAssertion ?? '' })
  }
  if (contexts.length > MAX_PROVIDED_CONTEXTS) {
    violations.push(
      "Value at 'providedContexts' failed to satisfy constraint: " +
        `Member must have length less than or equal to ${MAX_PROVIDED_CONTEXTS}`
    )
  }
  return { contexts, violations }
}
