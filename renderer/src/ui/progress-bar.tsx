/**
 * Progress of long work (a first push of tens of thousands of products): a native <progress> with
 * the counts in words. Only the phase is a live region, so a screen reader hears "Pushing
 * products" once, not every count.
 */
import type { EngineStatusView } from '../../../electron/engine/api/channels';
import { formatCount } from '../lib/format';

const text = {
  label: (phase: string) => `Progress: ${phase}`,
  phase: (phase: string) => `${phase}…`,
  counts: (done: string, total: string) => `${done} of ${total}`,
};

export function ProgressBar({ progress }: { progress: EngineStatusView['progress'] }) {
  if (!progress) return null;
  const known = progress.total > 0;
  return (
    <div className="progress" data-testid="progress">
      <p className="progress-line">
        <span aria-live="polite">{text.phase(progress.phase)}</span>
        {known && <span className="progress-counts">{text.counts(formatCount(progress.done), formatCount(progress.total))}</span>}
      </p>
      {known
        ? <progress max={progress.total} value={Math.min(progress.done, progress.total)} aria-label={text.label(progress.phase)} />
        : <progress aria-label={text.label(progress.phase)} />}
    </div>
  );
}
