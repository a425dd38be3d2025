import { defineContentScript } from 'wxt/utils/define-content-script';
import { startContent } from '../utils/content/main';

export default defineContentScript({
  // Not in the manifest: the background registers it for the enabled sites only.
  registration: 'runtime',
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  runAt: 'document_idle',
  main(ctx) {
    startContent(ctx);
  },
});
