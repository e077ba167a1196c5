import type { KnownTokenStore } from '../persistence/known-token.repository';
import type { RemoteStartStore, SessionPlaceStore } from '../persistence/remote-start.store';
import type { SessionTx } from './session-tx';

/** A SessionTx plus what the session lifecycle needs beyond it: remote starts, locations, tokens. */
export interface LifecycleTx extends SessionTx {
  remoteStarts: RemoteStartStore;
  places: SessionPlaceStore;
  tokens: KnownTokenStore;
}
