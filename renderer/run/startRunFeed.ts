import type { BridgeClient } from '../../shared/bridge/BridgeClient';
import { liveTraffic } from './liveTraffic';
import { useLivePanelStore } from '../runView/useLivePanelStore';
import { isRunLive, useRunStore } from './useRunStore';

/**
 * Feed the live view from the host's pushes: status and metrics into useRunStore, trace
 * batches into liveTraffic (outside React), log lines into the run log, replay progress for
 * the Replay tab. Asks for the current status once, so a reloaded page shows a run that is
 * still going. Returns the unsubscribe.
 */
export function startRunFeed(bridge: BridgeClient): () => void {
  const store = useRunStore.getState;
  const offs = [
    bridge.on('runStatus', (status) => store().setStatus(status)),
    bridge.on('runMetrics', (snapshot) => store().setMetrics(snapshot)),
    bridge.on('runTraces', (batch) => liveTraffic.add(batch)),
    bridge.on('runLog', (line) => store().addLog(line)),
    bridge.on('replayProgress', (progress) => store().setReplay(progress)),
  ];
  bridge
    .call('getRunStatus', {})
    .then(({ status }) => {
      // A run still going (the page was reloaded) is shown and opens the live panel; a run that
      // ended before this page loaded is not news: the Replay tab lists the logged runs instead.
      if (!status || store().status !== null || !isRunLive(status)) return;
      store().setStatus(status);
      useLivePanelStore.getState().setOpen(true);
    })
    .catch(() => undefined);
  return () => {
    for (const off of offs) off();
  };
}
