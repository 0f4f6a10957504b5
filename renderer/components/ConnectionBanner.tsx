// The banner shown while this window cannot reach Causette (browser mode: the WebSocket dropped, or its token was refused).
import { Trans } from 'react-i18next';
import { useUi } from '../stores/ui.ts';

export function ConnectionBanner() {
  const link = useUi((state) => state.link);
  if (link === 'refused') {
    return (
      <div role="alert" className="banner">
        <Trans i18nKey="start.tokenRefused" components={{ strong: <strong /> }} />
      </div>
    );
  }
  if (link !== 'lost') return null;
  return (
    <div role="alert" className="banner">
      <Trans i18nKey="start.linkLost" components={{ strong: <strong /> }} />
    </div>
  );
}
