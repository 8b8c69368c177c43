import { beforeEach, describe, expect, it } from 'vitest';
import type { RunStatus } from '../../../../shared/bridge/runEvents';
import { useRunStore } from '../../../../renderer/run/useRunStore';

const status = (state: RunStatus['state'], runId?: string): RunStatus => ({
  state,
  broker: { kind: 'embedded', url: 'mqtt://127.0.0.1:1883', connection: 'connected' },
  topicPrefix: '',
  ...(runId ? { runId } : {}),
});

describe('useRunStore', () => {
  beforeEach(() => useRunStore.getState().clear());

  it('remembers the runs of this session in order, once each, until a new Run resets them', () => {
    const store = useRunStore.getState();
    store.setStatus(status('starting'));
    store.setStatus(status('running', 'run-a'));
    store.setStatus(status('running', 'run-a'));
    store.setStatus(status('stopped', 'run-a'));
    store.setStatus(status('running', 'run-b'));
    expect(useRunStore.getState().sessionRunIds).toEqual(['run-a', 'run-b']);
    useRunStore.getState().reset();
    expect(useRunStore.getState().sessionRunIds).toEqual([]);
  });

  it('shows the replay it started, ignores progress of another while it goes, and ends it when the run stops', () => {
    const store = useRunStore.getState();
    store.setStatus(status('running', 'run-a'));
    store.setReplay({ replayId: 'r1', state: 'running', published: 0, total: 10 });
    store.setReplay({ replayId: 'r0', state: 'running', published: 5, total: 5 });
    expect(useRunStore.getState().replay).toMatchObject({ replayId: 'r1', published: 0 });
    store.setReplay({ replayId: 'r1', state: 'paused', published: 4, total: 10 });
    expect(useRunStore.getState().replay).toMatchObject({ state: 'paused', published: 4 });
    store.setStatus(status('stopped', 'run-a'));
    expect(useRunStore.getState().replay).toMatchObject({ replayId: 'r1', state: 'cancelled', published: 4 });
  });

  it('forgets an ended run entirely on clear (another document is shown)', () => {
    const store = useRunStore.getState();
    store.setStatus(status('stopped', 'run-a'));
    store.clear();
    expect(useRunStore.getState().status).toBeNull();
    expect(useRunStore.getState().sessionRunIds).toEqual([]);
  });
});
