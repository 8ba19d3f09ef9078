/**
 * Replaces every occurrence of a secret (client secret, tokens, credentials in play) in a
 * message. Error texts come from the provider, and a provider that echoes what it was sent
 * must not make a secret reach a log through us.
 *
 * @param text - the message.
 * @param secrets - values that must not appear; short or empty values are ignored.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result;
}
