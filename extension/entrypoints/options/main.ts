import { browser } from 'wxt/browser';
import {
  PRESET_LABELS, checkCheckerConfig, exportSettings, originPattern, siteOrigin, validateSettings,
  type FieldOverride, type Preset, type Settings, type SiteSettings,
} from '../../utils/settings';
import { startPicker } from '../../utils/pick';
import { MANAGED_KEYS, isManagedKey, managedSite, type ManagedSettings, type ManagedState } from '../../utils/policy';
import { hasHostPermission, requestHostPermission } from '../../utils/sites';
import { loadManaged, loadSettings, onSettingsChanged, saveSettings, updateSettings } from '../../utils/store';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const mk = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};
const say = (id: string, text: string, ok = true) => { const m = $(id); m.textContent = text; m.className = `msg ${ok ? 'ok' : 'error'}`; };

/** Per-site field overrides editable here (the rest can be imported as JSON). */
const FIELD_EDITS: { key: string; prop: keyof FieldOverride; label: string; placeholder: string }[] = [
  { key: 'replyBody', prop: 'selector', label: '答复正文', placeholder: 'CSS 选择器，如 #edui1 或 textarea[name=dfzw]' },
  { key: 'replyBody', prop: 'label', label: '正文标签', placeholder: '页面上的标签文字，如 办理结果说明' },
  { key: 'replyClass', prop: 'selector', label: '答复类别', placeholder: 'select[name=dflb]' },
  { key: 'replyLetterUpload', prop: 'selector', label: '答复函上传', placeholder: 'input#dfhFile' },
  { key: 'submitButton', prop: 'text', label: '提交按钮', placeholder: '按钮文字，如 报送审核' },
];

let settings: Settings;
let policy: ManagedState = { status: 'none' };
/** the valid policy, or null (none, or rejected as a whole) */
const managed = (): ManagedSettings | null => (policy.status === 'ok' ? policy.managed : null);
const MANAGED_TAG = '由管理员设置';
const KEY_LABELS: Record<(typeof MANAGED_KEYS)[number], string> = {
  sites: '启用的网站', preset: '规则预设', submitGate: '提交前提示', underline: '波浪下划线', checkerConfig: '检查器配置',
};
/** sites whose field editor is open: kept open across re-renders */
const openFields = new Set<string>();

async function renderSites(): Promise<void> {
  const tbody = $('siteTable').querySelector('tbody')!;
  const rows: HTMLElement[] = [];
  for (const site of settings.sites) {
    const tr = mk('tr');
    tr.setAttribute('data-origin', site.origin);
    const locked = !!managedSite(managed(), site.origin);
    const originCell = mk('td', site.origin);
    if (locked) { tr.setAttribute('data-managed', '1'); originCell.append(mk('span', MANAGED_TAG, 'managed')); }
    tr.append(originCell);
    const granted = await hasHostPermission(site.origin);
    const status = !site.enabled ? ['已停用', 'status-off'] : granted ? ['已启用', 'status-on'] : ['缺少访问权限', 'status-warn'];
    tr.append(mk('td', status[0], status[1]));
    tr.append(fieldsCell(site, locked));
    const ops = mk('td');
    if (site.enabled && !granted) {
      const b = mk('button', '授权');
      b.addEventListener('click', () => { const p = requestHostPermission(site.origin); void p.then(() => renderSites()); });
      ops.append(b);
    }
    if (locked) {
      // the administrator's entry: enabling, disabling and deleting are not the user's to change
      tr.append(ops);
      rows.push(tr);
      continue;
    }
    const toggle = mk('button', site.enabled ? '停用' : '启用');
    toggle.addEventListener('click', () => {
      if (!site.enabled) {
        const p = requestHostPermission(site.origin);
        void p.then(async (ok) => {
          if (!ok) { say('siteMsg', `未获得访问 ${site.origin} 的权限。`, false); return; }
          await updateSettings((s) => { const x = s.sites.find((y) => y.origin === site.origin); if (x) x.enabled = true; });
        });
      } else {
        void updateSettings((s) => { const x = s.sites.find((y) => y.origin === site.origin); if (x) x.enabled = false; });
      }
    });
    ops.append(toggle);
    const del = mk('button', '删除');
    del.addEventListener('click', () => {
      void (async () => {
        await updateSettings((s) => { s.sites = s.sites.filter((y) => y.origin !== site.origin); });
        await browser.permissions.remove({ origins: [originPattern(site.origin)] }).catch(() => false);
      })();
    });
    ops.append(del);
    tr.append(ops);
    rows.push(tr);
  }
  if (!rows.length) {
    const tr = mk('tr');
    const td = mk('td', '还没有启用任何网站。打开办理系统的答复页面，点工具栏上的 dafu 图标选“在此网站启用”，或在上面输入网址。');
    td.colSpan = 4;
    tr.append(td);
    rows.push(tr);
  }
  tbody.replaceChildren(...rows);
}

function fieldsCell(site: SiteSettings, locked: boolean): HTMLElement {
  const td = mk('td');
  const det = mk('details');
  det.open = openFields.has(site.origin);
  det.addEventListener('toggle', () => { if (det.open) openFields.add(site.origin); else openFields.delete(site.origin); });
  const n = Object.values(site.fields ?? {}).filter((f) => f && Object.keys(f).length).length;
  det.append(mk('summary', n ? `已设置 ${n} 项` : '自动识别'));
  const grid = mk('div', undefined, 'fields');
  const inputs: { key: string; prop: keyof FieldOverride; input: HTMLInputElement }[] = [];
  for (const f of FIELD_EDITS) {
    grid.append(mk('span', f.label));
    const input = mk('input');
    input.type = 'text';
    input.placeholder = f.placeholder;
    input.value = (site.fields as Record<string, FieldOverride> | undefined)?.[f.key]?.[f.prop] ?? '';
    input.setAttribute('data-field', `${f.key}.${f.prop}`);
    input.readOnly = locked;
    grid.append(input);
    inputs.push({ key: f.key, prop: f.prop, input });
  }
  const save = mk('button', '保存字段设置');
  save.addEventListener('click', () => {
    const fields: Record<string, FieldOverride> = structuredClone((site.fields ?? {}) as Record<string, FieldOverride>);
    for (const { key, prop, input } of inputs) {
      const v = input.value.trim();
      fields[key] ??= {};
      if (v) fields[key][prop] = v; else delete fields[key][prop];
      if (!Object.keys(fields[key]).length) delete fields[key];
    }
    const check = validateSettings({ sites: [{ origin: site.origin, fields }] });
    if (!check.ok) { say('siteMsg', check.problems.join('\n'), false); return; }
    void updateSettings((s) => { const x = s.sites.find((y) => y.origin === site.origin); if (x) x.fields = check.settings.sites[0].fields; })
      .then(() => say('siteMsg', `已保存 ${site.origin} 的字段设置。`));
  });
  const pick = mk('button', '在页面上选取答复框', 'secondary');
  pick.title = '切换到已打开的该网站页面，单击答复正文所在的输入框';
  pick.addEventListener('click', () => { void pickOnPage(site.origin); });
  if (locked) det.append(grid, mk('p', '字段设置由管理员设置，不能在此修改。', 'hint'));
  else det.append(grid, save, pick);
  td.append(det);
  return td;
}

/** Starts the field picker in an open tab of the site (the first one found) and switches to it. */
async function pickOnPage(origin: string): Promise<void> {
  const [tab] = await browser.tabs.query({ url: originPattern(origin) });
  if (tab?.id === undefined) { say('siteMsg', `请先在浏览器中打开 ${origin} 的答复页面，再点“在页面上选取答复框”。`, false); return; }
  await browser.tabs.update(tab.id, { active: true });
  if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
  if (await startPicker(tab.id)) say('siteMsg', '请在切换到的页面上单击答复正文所在的输入框（按 Esc 取消）。');
  else say('siteMsg', '无法在该页面选取：请刷新页面后再试。', false);
}

/** Tells what the policy sets, or why it was rejected as a whole. */
function renderPolicy(): void {
  const box = $('policy');
  box.hidden = policy.status === 'none';
  if (policy.status === 'invalid') {
    say('policyMsg', `管理员下发的设置（策略）有问题，已全部忽略，仍使用本机设置：\n${policy.problems.join('\n')}`, false);
  } else if (policy.status === 'ok') {
    say('policyMsg', `以下设置由管理员设置，不能在此修改：${policy.managed.keys.map((k) => KEY_LABELS[k]).join('、')}。`);
  }
  for (const tag of document.querySelectorAll<HTMLElement>('[data-managed]')) {
    tag.hidden = !isManagedKey(managed(), tag.getAttribute('data-managed') as (typeof MANAGED_KEYS)[number]);
  }
  $<HTMLSelectElement>('preset').disabled = isManagedKey(managed(), 'preset');
  $<HTMLInputElement>('submitGate').disabled = isManagedKey(managed(), 'submitGate');
  $<HTMLInputElement>('underline').disabled = isManagedKey(managed(), 'underline');
  $<HTMLTextAreaElement>('checkerConfig').readOnly = isManagedKey(managed(), 'checkerConfig');
  $<HTMLButtonElement>('saveChecker').disabled = isManagedKey(managed(), 'checkerConfig');
}

function renderChecking(): void {
  const sel = $<HTMLSelectElement>('preset');
  sel.replaceChildren(...(Object.keys(PRESET_LABELS) as Preset[]).map((p) => {
    const o = mk('option', PRESET_LABELS[p]);
    o.value = p;
    o.selected = settings.preset === p;
    return o;
  }));
  $<HTMLInputElement>('submitGate').checked = settings.submitGate;
  $<HTMLInputElement>('underline').checked = settings.underline;
  const ta = $<HTMLTextAreaElement>('checkerConfig');
  if (document.activeElement !== ta) ta.value = settings.checkerConfig ? JSON.stringify(settings.checkerConfig, null, 2) : '';
}

function renderIgnored(): void {
  const tbody = $('ignoredTable').querySelector('tbody')!;
  const rows = settings.ignored.map((g, i) => {
    const tr = mk('tr');
    tr.append(mk('td', g.origin), mk('td', g.message || g.ruleId), mk('td', g.excerpt), mk('td', g.at.slice(0, 10)));
    const td = mk('td');
    const b = mk('button', '恢复');
    b.addEventListener('click', () => { void updateSettings((s) => { s.ignored.splice(i, 1); }); });
    td.append(b);
    tr.append(td);
    return tr;
  });
  if (!rows.length) {
    const tr = mk('tr');
    const td = mk('td', '没有忽略的提示。');
    td.colSpan = 5;
    tr.append(td);
    rows.push(tr);
  }
  tbody.replaceChildren(...rows);
}

let refreshing: Promise<void> = Promise.resolve();
/**
 * Re-reads the settings in effect and the policy, and renders them. Serialised: each one reads
 * after the previous one rendered, so the last render shows the newest state.
 */
function refresh(): Promise<void> {
  refreshing = refreshing.catch(() => undefined).then(async () => {
    [settings, policy] = await Promise.all([loadSettings(), loadManaged()]);
    await renderAll();
  });
  return refreshing;
}

async function renderAll(): Promise<void> {
  renderPolicy();
  renderChecking();
  renderIgnored();
  await renderSites();
}

async function importJson(text: string): Promise<void> {
  let data: unknown;
  try { data = JSON.parse(text); } catch (e) { say('importMsg', `不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`, false); return; }
  const r = validateSettings(data);
  if (!r.ok) { say('importMsg', `未导入，设置有问题：\n${r.problems.join('\n')}`, false); return; }
  await saveSettings(r.settings);
  // shown before the message, so "已导入" describes what the page shows
  await refresh();
  const missing: string[] = [];
  for (const s of r.settings.sites) if (s.enabled && !(await hasHostPermission(s.origin))) missing.push(s.origin);
  const overridden = (managed()?.keys ?? []).filter((k) => k !== 'sites' && (data as Record<string, unknown>)[k] !== undefined).map((k) => KEY_LABELS[k]);
  say('importMsg', `已导入：${r.settings.sites.length} 个网站，${r.settings.ignored.length} 条忽略记录。${missing.length ? `\n以下网站还需要在“启用的网站”中点“授权”：${missing.join('、')}` : ''}${overridden.length ? `\n${overridden.join('、')}由管理员设置，以管理员的为准。` : ''}`);
}

async function main(): Promise<void> {
  await refresh();
  onSettingsChanged(() => { void refresh(); });

  $('addSite').addEventListener('click', () => {
    const origin = siteOrigin($<HTMLInputElement>('newOrigin').value.trim());
    if (!origin) { say('siteMsg', '请输入 http:// 或 https:// 开头的网址。', false); return; }
    // permissions.request needs the click's user gesture: call it before any await
    const granted = requestHostPermission(origin);
    void (async () => {
      if (!(await granted)) { say('siteMsg', `未获得访问 ${origin} 的权限，未添加。`, false); return; }
      await updateSettings((s) => {
        const x = s.sites.find((y) => y.origin === origin);
        if (x) x.enabled = true; else s.sites.push({ origin, enabled: true });
      });
      $<HTMLInputElement>('newOrigin').value = '';
      say('siteMsg', `已启用 ${origin}。已打开的页面请刷新一次。`);
    })();
  });

  $('preset').addEventListener('change', () => { void updateSettings((s) => { s.preset = $<HTMLSelectElement>('preset').value as Preset; }); });
  $('submitGate').addEventListener('change', () => { void updateSettings((s) => { s.submitGate = $<HTMLInputElement>('submitGate').checked; }); });
  $('underline').addEventListener('change', () => { void updateSettings((s) => { s.underline = $<HTMLInputElement>('underline').checked; }); });
  $('saveChecker').addEventListener('click', () => {
    const raw = $<HTMLTextAreaElement>('checkerConfig').value.trim();
    if (!raw) { void updateSettings((s) => { delete s.checkerConfig; }).then(() => say('checkerMsg', '已清除检查器配置。')); return; }
    let cfg: unknown;
    try { cfg = JSON.parse(raw); } catch (e) { say('checkerMsg', `不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`, false); return; }
    const problems = checkCheckerConfig(cfg);
    if (problems.length) { say('checkerMsg', problems.join('\n'), false); return; }
    void updateSettings((s) => { s.checkerConfig = cfg as Record<string, unknown>; }).then(() => say('checkerMsg', '已保存检查器配置。'));
  });

  $('clearIgnored').addEventListener('click', () => { void updateSettings((s) => { s.ignored = []; }); });

  $('export').addEventListener('click', () => {
    const blob = new Blob([exportSettings(settings)], { type: 'application/json' });
    const a = mk('a');
    a.href = URL.createObjectURL(blob);
    a.download = `dafu-设置-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  });
  $('import').addEventListener('click', () => { void importJson($<HTMLTextAreaElement>('importText').value); });
  $<HTMLInputElement>('importFile').addEventListener('change', (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) void f.text().then(importJson);
  });
}

void main();
