import { notify } from '../app/useNoticeStore';
import { requireBridge, useBridgeStore } from '../bridge/useBridgeStore';
import { useDesignStore } from '../design/useDesignStore';

/**
 * Run and Stop as the toolbar calls them. The host says whether it can run flows
 * (hostInfo.supportsRuns); the live view builds on these with status, animation and metrics.
 */
export async function startRun(): Promise<void> {
  if (!useBridgeStore.getState().hostInfo?.supportsRuns) return;
  try {
    const { status } = await requireBridge().call('startRun', { doc: useDesignStore.getState().doc });
    notify('info', `Run ${status.state}`);
  } catch (err) {
    notify('error', `Could not run: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function stopRun(): Promise<void> {
  if (!useBridgeStore.getState().hostInfo?.supportsRuns) return;
  try {
    await requireBridge().call('stopRun', {});
  } catch (err) {
    notify('error', `Could not stop: ${err instanceof Error ? err.message : String(err)}`);
  }
}
