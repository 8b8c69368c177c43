import { describe, expect, it } from 'vitest';
import { createCloseGuard, type CloseChoice } from '../../../../main/electron/closeGuard';

function setup(choice: CloseChoice, saveTimeoutMs = 1000) {
  const log: string[] = [];
  const guard = createCloseGuard({
    ask: async (name) => {
      log.push(`ask ${name}`);
      return choice;
    },
    requestSave: () => log.push('save'),
    close: () => log.push('close'),
    saveTimeoutMs,
  });
  const closeEvent = () => {
    let prevented = false;
    guard.onClose({ preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { guard, log, closeEvent };
}
const settle = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('the unsaved-changes prompt on close', () => {
  it('lets a clean document close without asking', () => {
    const t = setup('cancel');
    t.guard.documentChanged({ path: '/f/a.eventflow.json', name: 'a', dirty: false });
    expect(t.closeEvent()).toBe(false);
    expect(t.log).toEqual([]);
  });

  it("asks about a dirty document by name; Don't Save closes", async () => {
    const t = setup('discard');
    t.guard.documentChanged({ path: null, name: 'checkout', dirty: true });
    expect(t.closeEvent()).toBe(true);
    await settle();
    expect(t.log).toEqual(['ask checkout', 'close']);
    expect(t.closeEvent()).toBe(false);
  });

  it('keeps the window on Cancel', async () => {
    const t = setup('cancel');
    t.guard.documentChanged({ path: null, name: 'checkout', dirty: true });
    t.closeEvent();
    await settle();
    expect(t.log).toEqual(['ask checkout']);
    expect(t.closeEvent()).toBe(true);
  });

  it('on Save, asks the renderer to save and closes once it reports the document clean', async () => {
    const t = setup('save');
    t.guard.documentChanged({ path: '/f/a.eventflow.json', name: 'a', dirty: true });
    t.closeEvent();
    await settle();
    expect(t.log).toEqual(['ask a', 'save']);
    t.guard.documentChanged({ path: '/f/a.eventflow.json', name: 'a', dirty: false });
    await settle();
    expect(t.log).toEqual(['ask a', 'save', 'close']);
  });

  it('stays open if the save never completes (the user cancelled the Save dialog)', async () => {
    const t = setup('save', 20);
    t.guard.documentChanged({ path: null, name: 'Untitled', dirty: true });
    t.closeEvent();
    await settle(60);
    expect(t.log).toEqual(['ask Untitled', 'save']);
  });
});
