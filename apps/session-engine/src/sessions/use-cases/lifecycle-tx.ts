import type { RemoteStartStore, SessionPlaceStore } from '../persistence/remote-start.store';
import type { SessionTx } from './session-tx';

/** A SessionTx plus what the session lifecycle needs beyond it: remote starts and locations. */
export interface LifecycleTx extends SessionTx {
  remoteStarts: RemoteStartStore;
  places: SessionPlaceStore;
}
