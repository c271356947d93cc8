// The device's market in the shared evaluator's terms. Placeholder until the shared evaluator
// (shared/domain/alerts/) is merged: evaluates nothing.
import type { DeviceItemMarket } from './device-market';
import type { EvaluationInput, EvaluationResult } from './device-alerts';

export function evaluateOnDevice(input: EvaluationInput<Map<number, DeviceItemMarket>>): EvaluationResult {
  return { states: input.states, fired: [] };
}
