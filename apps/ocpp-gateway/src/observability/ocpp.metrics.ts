import type { MetricsService } from '@voltlane/platform-service';

/** Outcome label of a CALL the CSMS answered with a CALLRESULT. */
export const CALL_ACCEPTED = 'accepted';

/**
 * The gateway's OCPP metrics (get-or-create on the service registry, so every user shares them):
 * station → CSMS CALLs by action and outcome (`accepted` or the CALLERROR code) with their handling
 * latency, and CSMS → station commands by action and outcome. `ocpp_connected_stations` lives in
 * OcppWebSocketServer.
 */
export function ocppCallMetrics(metrics: MetricsService) {
  return {
    calls: metrics.counter<'action' | 'outcome'>({
      name: 'ocpp_calls_total',
      help: 'CALLs received from stations, by action and outcome (accepted or the CALLERROR code)',
      labelNames: ['action', 'outcome'],
    }),
    duration: metrics.histogram<'action'>({
      name: 'ocpp_call_duration_seconds',
      help: 'Time from a CALL received to its answer (CALLRESULT or CALLERROR), by action',
      labelNames: ['action'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
  };
}

export function ocppCommandMetrics(metrics: MetricsService) {
  return metrics.counter<'action' | 'outcome'>({
    name: 'ocpp_commands_sent_total',
    help: 'CSMS → station commands sent, by action and outcome (Responded, CallError, Timeout, …)',
    labelNames: ['action', 'outcome'],
  });
}
