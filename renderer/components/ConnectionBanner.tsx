// The banner shown while this window cannot reach Causette (browser mode: the WebSocket dropped).
import { useUi } from '../stores/ui.ts';

export function ConnectionBanner() {
  const link = useUi((state) => state.link);
  if (link !== 'lost') return null;
  return (
    <div role="alert" className="banner">
      <strong>Connection to Causette lost.</strong> Trying to reconnect… Is Causette still running?
    </div>
  );
}
