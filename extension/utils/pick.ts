/**
 * Messages between the extension pages and the in-page field picker (content/picker.ts).
 * No DOM here: the background and the popup/options pages import it.
 */
import { browser } from 'wxt/browser';
import type { PickKey } from './fields/selector';

export const PICK_MESSAGE = 'dafu:pick';
export const PICK_END_MESSAGE = 'dafu:pick-end';

export const PICK_LABELS: Record<PickKey, string> = {
  replyBody: '答复正文',
  replySummary: '答复摘要',
  replyClass: '答复类别',
  coHandlingOpinion: '会办意见',
};

/**
 * Starts the picker in a tab (its content script answers from the top same-origin frame).
 * Resolves false when no frame answered: the page has no content script yet (reload it).
 */
export async function startPicker(tabId: number, key: PickKey = 'replyBody'): Promise<boolean> {
  try {
    const r = await browser.tabs.sendMessage(tabId, { type: PICK_MESSAGE, key }) as { started?: boolean } | undefined;
    return !!r?.started;
  } catch {
    return false;
  }
}
