/**
 * What the driver API needs from the Commands module (apps/ocpi-emsp/src/commands, ADR 0071):
 * send a command to a CPO partner and read its state back. Bound to the commands module's use
 * cases in driver.module.ts.
 */
export abstract class DriverCommandGateway {
  abstract send(command: {
    partnerId: string;
    type: 'START_SESSION' | 'STOP_SESSION';
    body: Record<string, unknown>;
    requestedBy: string;
  }): Promise<DriverCommandState>;

  abstract get(commandId: string): Promise<DriverCommandState | null>;
}

export interface DriverCommandState {
  id: string;
  type: string;
  state: string;
  response?: unknown;
  result?: unknown;
  created_at?: string;
  completed_at?: string | null;
}
