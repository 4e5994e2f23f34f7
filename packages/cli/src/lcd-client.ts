// A small LCD (REST) client for the CLI's query and tx commands.
export class LcdError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(typeof body === 'object' && body && 'message' in body ? String((body as { message: unknown }).message) : `HTTP ${status}`);
    this.name = 'LcdError';
  }
}

export class LcdClient {
  constructor(readonly url: string) {}

  async get<T>(path: string, height?: number): Promise<T> {
    const headers: Record<string, string> = {};
    if (height !== undefined) headers['x-cosmos-block-height'] = String(height);
    const r = await fetch(this.url.replace(/\/+$/, '') + path, { headers });
    const body = (await r.json()) as T;
    if (!r.ok) throw new LcdError(r.status, body);
    return body;
  }

  async post<T>(path: string, payload: unknown): Promise<T> {
    const r = await fetch(this.url.replace(/\/+$/, '') + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    const body = (await r.json()) as T;
    if (!r.ok) throw new LcdError(r.status, body);
    return body;
  }

  async account(address: string): Promise<{ accountNumber: bigint; sequence: bigint }> {
    const r = await this.get<{ account: Record<string, any> }>(`/cosmos/auth/v1beta1/accounts/${address}`);
    const base = r.account['@type'] === '/cosmos.auth.v1beta1.ModuleAccount' ? r.account.base_account : r.account;
    return { accountNumber: BigInt(base.account_number), sequence: BigInt(base.sequence) };
  }

  async broadcast(txBytes: Uint8Array): Promise<{ txhash: string; code: number; codespace: string; raw_log: string }> {
    const r = await this.post<{ tx_response: { txhash: string; code: number; codespace: string; raw_log: string } }>('/cosmos/tx/v1beta1/txs', {
      tx_bytes: Buffer.from(txBytes).toString('base64'),
      mode: 'BROADCAST_MODE_SYNC',
    });
    return r.tx_response;
  }

  /** Poll GET /cosmos/tx/v1beta1/txs/{hash} until the tx is committed or the timeout passes. */
  async waitForTx(hash: string, timeoutMs = 30_000, intervalMs = 200): Promise<Record<string, any>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return (await this.get<{ tx_response: Record<string, any> }>(`/cosmos/tx/v1beta1/txs/${hash}`)).tx_response;
      } catch (e) {
        if (!(e instanceof LcdError) || e.status !== 404) throw e;
        if (Date.now() > deadline) throw new Error(`tx ${hash} was not committed within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    }
  }
}
