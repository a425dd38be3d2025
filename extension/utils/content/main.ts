import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { siteOrigin } from '../settings';
import { loadSettings, onSettingsChanged, updateSettings } from '../store';
import { Controller } from './controller';
import { listenForPicker } from './picker';
import { SUGGEST_READ, type SuggestReadReply } from '../suggest';
import { tabSuggestions } from './sources';

const EDITOR_CONTAINERS = '.edui-editor, .ke-container, .tox-tinymce, .mce-tinymce, .cke, .layui-layedit';

/** Editor iframes are handled from their parent document; their own instance does nothing. */
function isEditorFrame(): boolean {
  if (window === window.top) return false;
  if (document.designMode === 'on' || document.body?.isContentEditable) return true;
  try {
    const fe = window.frameElement;
    if (fe && fe.closest(EDITOR_CONTAINERS)) return true;
  } catch { /* cross-origin parent */ }
  return false;
}

/** The top frame answers another tab's question: which suggestion does this tab show? */
function listenForSuggestionReads(doc: Document): () => void {
  const onMessage = (msg: unknown, _sender: unknown, sendResponse: (r: SuggestReadReply) => void): undefined => {
    if ((msg as { type?: string } | null)?.type !== SUGGEST_READ || window !== window.top) return;
    try { sendResponse({ candidates: tabSuggestions(doc) }); } catch { sendResponse({ candidates: [] }); }
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}

export async function startContent(ctx: ContentScriptContext): Promise<void> {
  if (isEditorFrame()) return;
  // about:blank / srcdoc frames inherit their creator's origin
  const origin = siteOrigin(location.protocol.startsWith('http') ? location.href : window.origin);
  if (!origin) return;
  let settings = await loadSettings();
  let site = settings.sites.find((s) => s.origin === origin);
  if (!site?.enabled || !ctx.isValid) return;

  let controller: Controller | null = new Controller(document, {
    settings,
    origin,
    addIgnored: async (g) => { await updateSettings((s) => { if (!s.ignored.some((x) => x.origin === g.origin && x.fingerprint === g.fingerprint)) s.ignored.push(g); }); },
  });
  controller.start();
  document.documentElement.setAttribute('data-dafu', 'on');
  const stopPicker = listenForPicker(document, origin);
  const stopReads = listenForSuggestionReads(document);

  const stop = onSettingsChanged((next) => {
    settings = next;
    site = settings.sites.find((s) => s.origin === origin);
    if (!site?.enabled) {
      controller?.destroy();
      controller = null;
      document.documentElement.removeAttribute('data-dafu');
      stop();
      stopPicker();
      stopReads();
      return;
    }
    controller?.updateSettings(next);
  });
  ctx.onInvalidated(() => {
    stop();
    stopPicker();
    stopReads();
    controller?.destroy();
    controller = null;
    document.documentElement.removeAttribute('data-dafu');
  });
}
