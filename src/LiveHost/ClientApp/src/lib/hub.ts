// One SignalR connection to /hubs/live over MessagePack, that reconnects on its own forever (with
// backoff) and retries calls the server answers with `unavailable`.
import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { toApiError } from './api';

export type LinkState = 'connecting' | 'connected' | 'reconnecting';

const backoff = (attempt: number) => Math.min(500 * 2 ** attempt, 10_000) * (0.75 + Math.random() / 2);
const sleep = (msDelay: number) => new Promise(r => setTimeout(r, msDelay));

export class LiveLink {
  readonly connection: HubConnection;
  state: LinkState = 'connecting';
  private stopped = false;
  /** Set by the server's Reconnect notice (the host is going away): how long to wait before reconnecting. */
  private restartAfterMs = 0;
  /** Called when the server refuses the token; the page then signs out and watches as a guest. */
  onUnauthorized: (() => void) | null = null;

  /** `onUp(first)` runs after every (re)connection: first = the very first one. */
  constructor(token: string | null, private onUp: (first: boolean) => Promise<void>, private onState: () => void) {
    this.connection = new HubConnectionBuilder()
      .withUrl('/hubs/live', token ? { accessTokenFactory: () => token } : {})
      .withHubProtocol(new MessagePackHubProtocol())
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => backoff(ctx.previousRetryCount) })
      .configureLogging(LogLevel.None)
      .build();
    this.connection.onreconnecting(() => this.setState('reconnecting'));
    this.connection.onreconnected(() => this.up(false));
    // Automatic reconnection never gives up, but a first start that failed or a close by the server
    // after a failed handshake lands here: start again.
    this.connection.onclose(() => {
      if (this.stopped) return;
      const wait = this.restartAfterMs * (0.5 + Math.random());
      this.restartAfterMs = 0;
      void sleep(wait).then(() => this.startLoop(false));
    });
    // A host shutting down asks its clients to go elsewhere; the next connection resumes from the last seq.
    this.connection.on('Reconnect', (notice: { retryAfterMs?: number } | null) => {
      this.restartAfterMs = Math.min(notice?.retryAfterMs ?? 0, 30_000);
      void this.connection.stop();
    });
  }

  start(): Promise<void> { return this.startLoop(true); }

  private async startLoop(first: boolean) {
    for (let attempt = 0; !this.stopped; attempt++) {
      this.setState(first && attempt === 0 ? 'connecting' : 'reconnecting');
      try {
        await this.connection.start();
        await this.up(first);
        return;
      } catch (e) {
        if (this.connection.state !== HubConnectionState.Disconnected) return;
        // A token the server no longer accepts (expired, or signed by a host that has restarted with a new key).
        if ((e as { statusCode?: number }).statusCode === 401 && this.onUnauthorized) { this.onUnauthorized(); return; }
        await sleep(backoff(attempt));
      }
    }
  }

  private async up(first: boolean) {
    this.setState('connected');
    await this.onUp(first);
  }

  private setState(state: LinkState) {
    this.state = state;
    this.onState();
  }

  on(method: string, handler: (arg: any) => void) { this.connection.on(method, handler); }

  /** Invokes a hub method; `unavailable` (the room is moving, a dependency is down) is retried with backoff. */
  async call<T>(method: string, ...args: unknown[]): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.connection.invoke<T>(method, ...args);
      } catch (e) {
        const error = toApiError(e);
        if (error.code !== 'unavailable' || attempt >= 3) throw error;
        await sleep(backoff(attempt));
      }
    }
  }

  async stop() {
    this.stopped = true;
    await this.connection.stop();
  }
}
