/** Why a run could not reach its broker; the CLI exits 2 on any of these. */
export type BrokerConnectionProblem = 'unreachable' | 'refused' | 'timeout' | 'tls' | 'config';

/**
 * The broker could not be reached or refused us. The message is one paragraph a user can act
 * on: it names the broker URL and what to do (start the broker, fix the URL, the password...).
 */
export class BrokerConnectionError extends Error {
  override readonly name = 'BrokerConnectionError';
  constructor(
    readonly problem: BrokerConnectionProblem,
    readonly url: string,
    message: string,
  ) {
    super(message);
  }
}
