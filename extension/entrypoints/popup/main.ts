import { browser } from 'wxt/browser';
import { runCheck, type CaseContextInput } from '../../utils/checker';
import { checkerConfigFor, originPattern } from '../../utils/settings';
import { CONTENT_SCRIPT_FILE, requestHostPermission, setSiteEnabled, siteStatus, type SiteStatus } from '../../utils/sites';
import { startPicker } from '../../utils/pick';
import { managedSite } from '../../utils/policy';
import { loadManaged, loadSettings } from '../../utils/store';
import { renderResults } from '../../utils/ui/results';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const STATUS_TEXT: Record<SiteStatus, string> = {
  enabled: '已在此网站启用：打开答复表单时会自动提示问题。',
  disabled: '未在此网站启用。',
  'no-permission': '已启用，但浏览器未授予访问此网站的权限。',
  unsupported: '此页面不是网站（http/https），无法启用。',
};

/** The page the popup acts on: the active tab, or ?target=<url> when opened as a page (tests, keyboard users). */
async function targetUrl(): Promise<string | undefined> {
  const q = new URLSearchParams(location.search).get('target');
  if (q) return q;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url;
}

/** The tab the popup acts on (the ?target page when given). */
async function targetTab(url: string | undefined): Promise<number | undefined> {
  if (new URLSearchParams(location.search).get('target')) return (await browser.tabs.query({})).find((t) => t.url === url)?.id;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function injectOpenTabs(origin: string): Promise<void> {
  const tabs = await browser.tabs.query({ url: originPattern(origin) });
  for (const t of tabs) {
    if (t.id === undefined) continue;
    try {
      await browser.scripting.executeScript({ target: { tabId: t.id, allFrames: true }, files: [CONTENT_SCRIPT_FILE] });
    } catch (e) {
      console.warn('[dafu] 注入失败', t.url, e);
    }
  }
}

async function main(): Promise<void> {
  $('openOptions').addEventListener('click', (e) => { e.preventDefault(); void browser.runtime.openOptionsPage(); });
  const url = await targetUrl();
  let { origin, status } = await siteStatus(url);
  const policy = await loadManaged();
  // a site the administrator set: the user can grant access, but not disable it or change its fields
  const locked = !!origin && policy.status === 'ok' && !!managedSite(policy.managed, origin);
  const toggle = $<HTMLButtonElement>('toggle');
  const show = () => {
    $('origin').textContent = origin ?? '（无网址）';
    $('status').textContent = STATUS_TEXT[status];
    $('status').className = `status${status === 'enabled' ? ' on' : ''}`;
    toggle.hidden = status === 'unsupported';
    toggle.textContent = status === 'enabled' ? '停用' : '在此网站启用';
    toggle.className = status === 'enabled' ? 'off' : '';
    $('hint').textContent = status === 'enabled' ? '' : '启用后，本扩展只读取此网站（所有端口）页面中的答复表单，不向任何地方发送数据。';
    $('pick').hidden = status !== 'enabled';
    if (locked && status !== 'no-permission') {
      toggle.hidden = true;
      $('pick').hidden = true;
      $('hint').textContent = '此网站由管理员设置（启用与字段设置），不能在此修改。';
    }
  };
  show();
  toggle.addEventListener('click', () => {
    if (!origin) return;
    if (status === 'enabled') {
      void (async () => {
        await setSiteEnabled(origin!, false);
        await browser.permissions.remove({ origins: [originPattern(origin!)] }).catch(() => false);
        ({ status } = await siteStatus(url));
        show();
      })();
      return;
    }
    // permissions.request must run inside the click (user gesture): call it before any await
    const granted = requestHostPermission(origin);
    void (async () => {
      if (!(await granted)) {
        $('hint').textContent = '未获得访问此网站的权限，未启用。';
        return;
      }
      await setSiteEnabled(origin!, true);
      await injectOpenTabs(origin!);
      ({ status } = await siteStatus(url));
      show();
    })();
  });

  // field picker: runs in the page; the popup closes when the page is clicked anyway
  $('pick').addEventListener('click', () => {
    void (async () => {
      const tabId = await targetTab(url);
      if (tabId === undefined || !(await startPicker(tabId))) {
        $('hint').textContent = '无法在此页面选取：请刷新页面后再试。';
        return;
      }
      $('hint').textContent = '请在页面上单击答复正文所在的输入框（按 Esc 取消）。';
      if (!new URLSearchParams(location.search).get('target')) window.close();
    })();
  });

  // quick check
  const text = $<HTMLTextAreaElement>('text');
  const results = $('results');
  const context = (): CaseContextInput => {
    const k = $<HTMLSelectElement>('kind').value;
    return k === 'npc' || k === 'cppcc' ? { kind: k } : {};
  };
  const checkFile = async (file: File) => {
    if (!file.name.toLowerCase().endsWith('.docx')) {
      renderResults(results, { messages: [], risk: 'low', score: 0, error: '只能检查 .docx 文件（.doc/.wps 请先另存为 .docx）' }, file.name);
      return;
    }
    const settings = await loadSettings();
    const bytes = new Uint8Array(await file.arrayBuffer());
    renderResults(results, runCheck({ bytes, format: 'docx', name: file.name, context: context() }, checkerConfigFor(settings)), `答复函：${file.name}`);
  };
  $('check').addEventListener('click', () => {
    void (async () => {
      const settings = await loadSettings();
      const t = text.value;
      if (!t.trim()) { results.textContent = '请先粘贴答复稿。'; return; }
      renderResults(results, runCheck({ text: t, format: 'txt', context: context() }, checkerConfigFor(settings)), '检查结果');
    })();
  });
  $<HTMLInputElement>('file').addEventListener('change', (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) void checkFile(f);
  });
  text.addEventListener('dragover', (e) => { e.preventDefault(); text.classList.add('drag'); });
  text.addEventListener('dragleave', () => text.classList.remove('drag'));
  text.addEventListener('drop', (e) => {
    text.classList.remove('drag');
    const f = e.dataTransfer?.files?.[0];
    if (f) { e.preventDefault(); void checkFile(f); }
  });
}

void main();
