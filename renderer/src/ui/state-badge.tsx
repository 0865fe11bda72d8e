/** The engine's overall state in a word and a colour, with what to do about it. */
import type { EngineStatusView } from '../../../electron/engine/api/channels';

type State = EngineStatusView['state'];

export const stateText: Record<State, { word: string; advice: string }> = {
  ok: { word: 'OK', advice: 'Prices, stock and orders are in step. Nothing to do.' },
  syncing: { word: 'Syncing', advice: 'A sync is running. You can keep working; the progress shows below.' },
  'needs-attention': { word: 'Needs attention', advice: 'Some items need a person. Open Problems, fix what each one says, then press Retry.' },
  offline: { word: 'Offline', advice: 'The POS or the store does not answer. Check the connection below (network, POS server, store address), then press Sync now.' },
  paused: { word: 'Paused', advice: 'Syncing is paused: nothing goes to the store or the POS until you press Resume.' },
  setup: { word: 'Setup', advice: 'Tillbridge is not set up yet: connect your store and your POS.' },
  starting: { word: 'Starting', advice: 'The engine is starting with the new settings. This takes a few seconds.' },
};

/** `stale`: the page has lost the engine, so the state shown is the last one heard (drawn faded). */
export function StateBadge({ state, large = false, stale = false }: { state: State; large?: boolean; stale?: boolean }) {
  return (
    <span className={`state-badge state-${state}${large ? ' state-badge-large' : ''}${stale ? ' is-stale' : ''}`} data-testid="state-badge">
      <span className="state-dot" aria-hidden="true" />
      {stateText[state].word}
    </span>
  );
}
