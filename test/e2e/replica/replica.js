// Local replica of a county-level 建议提案信息管理系统 (handling-unit side), per
// /work/shared/research/system-ui.md §4. Plain ES module, no network, no build step.
// In a browser it boots itself; in Node (unit tests, linkedom) import the render functions.
//
// Query-string variants (combine freely):
//   ?editor=ueditor|kindeditor|tinymce|wangeditor5|textarea   body control (default ueditor)
//   ?labels=alt|alt2|none                                   synonym labels (alt2: label-only cell above;
//                                                           none: body label and holder say nothing, for the picker)
//   ?layout=table|layui|element                             label markup of the editable part
//   ?frame=dialog                                           reply form inside a same-origin iframe dialog
//   ?optvalues=index                                        option values "0".."n"
//   ?case=<id>  ?state=returned                             preselect a case / show the 退回 banner
//   ?content=show                                           the header shows the suggestion's text (建议内容)
//   ?content=frame                                          the header shows the 原件 in an iframe (record.html)
// Routes: #list, #reply/<id>
// Other pages: record.html#<id>[?shape=table|text] (建议详情: a record table with label cells, or the
// title, fields and text of a printed record), frames.html (a frameset: the record beside the reply form).

export const CASES = [
  { id: '2025-R-0137', kind: '人大建议', title: '关于优化城区公交线路的建议', proposer: '王某某', co: '李某某、张某某', role: '主办', status: '办理中', assigned: '2025-03-20', deadline: '2025-06-20', action: '办理' },
  { id: '2025-R-0142', kind: '人大建议', title: '关于加强农村道路养护的建议', proposer: '李某某', co: '', role: '会办', status: '办理中', assigned: '2025-03-22', deadline: '2025-04-22', action: '填写会办意见' },
  { id: '2025-Z-0058', kind: '政协提案', title: '关于推进公共停车设施建设的提案', proposer: '民盟××委员会', co: '', role: '主办', status: '退回重办', assigned: '2025-03-18', deadline: '2025-06-18', action: '重新答复', returnReason: '答复未说明与代表沟通情况，请补充后重新报送', returnedAt: '2025-05-06' },
  { id: '2025-Z-0061', kind: '政协提案', title: '关于规范共享单车停放的提案', proposer: '赵某某', co: '', role: '主办', status: '待签收', assigned: '2025-04-01', deadline: '2025-07-01', action: '签收' },
  { id: '2025-R-0099', kind: '人大建议', title: '关于完善城乡客运一体化的建议', proposer: '钱某某', co: '', role: '主办', status: '已办结', assigned: '2025-02-10', deadline: '2025-05-10', action: '查看' },
];

/** The suggestions' own text, shown in the header with ?content=show (lines as the system prints them). */
export const CASE_CONTENT = {
  '2025-R-0137': ['我市城区公交线路多年未作调整，新建小区和学校周边公交覆盖不足，部分线路发车间隔长达30分钟。为此建议：',
    '一、在新建小区集中的城东片区开通社区微循环公交线路。', '二、缩短主要线路高峰时段的发车间隔。', '三、在学校周边增设港湾式停靠站。'],
  '2025-R-0142': ['近年来我县农村公路里程增加，但养护资金和人员不足，部分路段坑洼破损。建议：',
    '一是将农村公路养护资金纳入县级财政预算；', '二是建立县、乡、村三级路长制，落实专人养护。'],
};

export const CLASS_OPTIONS = [
  'A（所提问题已经解决或基本解决）',
  'B（正在解决或已列入计划逐步解决）',
  'C（因条件限制暂时难以解决，作出解释说明）',
  'D（留作参考）',
];

export const SAMPLE_BODIES = {
  good: '王某某代表：\n您提出的关于优化城区公交线路的建议收悉。我局于4月10日与您电话沟通，5月8日邀请您参加座谈会。现答复如下：\n一、2025年6月前新开通2条社区微循环线路。\n二、调整3条线路的发车间隔至10分钟。\n感谢您对交通运输工作的关心和支持。',
  flawed: '你提出的建议收悉。截止目前，我局高度重视，将认真研究。',
  empty: '',
};

export const EDITOR_FRAME_HTML = {
  ueditor: '<!DOCTYPE html><html class="view"><head><style>body{font:16px/1.8 "Noto Sans CJK SC",sans-serif;margin:8px;}p{margin:0 0 6px}</style></head><body class="view" contenteditable="true" spellcheck="false"><p><br></p></body></html>',
  kindeditor: '<!DOCTYPE html><html><head><style>body{font:15px/1.7 sans-serif;margin:6px}</style></head><body class="ke-content" contenteditable="true"><p><br></p></body></html>',
  tinymce: '<!DOCTYPE html><html><head><style>body{font:15px/1.7 sans-serif;margin:8px}</style></head><body id="tinymce" class="mce-content-body" data-id="content" contenteditable="true"><p><br data-mce-bogus="1"></p></body></html>',
};

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const sp = (s) => s.split('').join('&nbsp;&nbsp;'); // "标题" → "标&nbsp;&nbsp;题"

export function parseVariant(search = '', hash = '') {
  const q = new URLSearchParams(search);
  const v = {
    editor: q.get('editor') || 'ueditor',
    labels: q.get('labels') || 'default',
    layout: q.get('layout') || 'table',
    frame: q.get('frame') || 'top',
    optvalues: q.get('optvalues') || 'codes',
    caseId: q.get('case') || '',
    state: q.get('state') || '',
    content: q.get('content') || '',
    route: 'list',
  };
  const m = /^#reply\/(.+)$/.exec(hash || '');
  if (m) { v.route = 'reply'; v.caseId = decodeURIComponent(m[1]); }
  else if (v.caseId) v.route = 'reply';
  return v;
}

export function findCase(id) {
  return CASES.find((c) => c.id === id) || CASES[0];
}

// ---------------------------------------------------------------- shell + list

export function renderShell(doc, variant) {
  const app = doc.getElementById('app');
  app.innerHTML = `
    <div id="header"><span>××市建议提案信息管理系统</span>
      <span class="user">承办单位：××市交通运输局 | 经办人：张三 | <a href="#list">退出系统</a></span></div>
    <div id="wrap">
      <div id="menu">
        <div class="group">人大建议</div>
        <a href="#list">待签收(2)</a><a href="#list">办理中(3)</a><a href="#list">已答复(1)</a>
        <div class="group">政协提案</div>
        <a href="#list">已办结(4)</a><a href="#list">退回件(1)</a>
      </div>
      <div id="main">
        <div id="listView"></div>
        <div id="formView" style="display:none"></div>
        <div id="dialogView"></div>
      </div>
    </div>`;
  renderList(doc, doc.getElementById('listView'), variant);
  return app;
}

export function renderList(doc, el, variant) {
  const rows = CASES.map((c, i) => `
    <tr data-case="${esc(c.id)}">
      <td>${i + 1}</td><td>${esc(c.id)}</td><td>${esc(c.kind)}</td><td>${esc(c.title)}</td><td>${esc(c.proposer)}</td>
      <td>${esc(c.role)}</td><td>${esc(c.assigned)}</td><td>${esc(c.deadline)}</td>
      <td class="status">${esc(c.status)}${c.returnReason ? `<div class="red" title="退回理由">退回理由：${esc(c.returnReason)}</div>` : ''}${c.status === '已办结' ? '（满意度：满意）' : ''}</td>
      <td>${c.status === '待签收'
        ? `<a href="javascript:;" class="sign">签收</a> / <a href="javascript:;" class="back">申请退回</a>`
        : `<a href="${c.status === '已办结' ? '#list' : `#reply/${esc(c.id)}`}" class="op">${esc(c.action)}</a>`}</td>
    </tr>`).join('');
  el.innerHTML = `
    <form id="searchForm" onsubmit="return false">
      关键字：<input type="text" name="keyword" placeholder="请输入标题或编号">
      状态：<select name="status"><option value="">全部</option><option>办理中</option><option>已办结</option></select>
      <button type="button" id="btnSearch">查询</button>
    </form>
    <table class="tableborder" id="caseList">
      <thead><tr><th>序号</th><th>建议编号</th><th>类型</th><th>标题</th><th>领衔代表/提案人</th><th>办理类型</th><th>交办日期</th><th>办理期限</th><th>状态</th><th>操作</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
    <div id="backSlot"></div>`;
  return el;
}

/** The inline 申退 form: a free-text field that is NOT a reply. */
export function renderBackForm(doc, slot, c) {
  slot.innerHTML = `
    <div id="backForm">
      <table class="tableborder">
        <tr><td class="tablelabel">提案编号：</td><td>${esc(c.id)}</td></tr>
        <tr><td class="tablelabel"><span class="red">*</span>申退理由：</td><td><textarea name="sqly" rows="4" style="width:90%"></textarea></td></tr>
        <tr><td class="tablelabel">建议承办单位：</td><td><input type="text" name="jycbdw"></td></tr>
      </table>
      <div class="btns"><button type="button" id="btnBackSubmit">提交</button><button type="button" id="btnBackCancel">取消</button></div>
    </div>`;
  return slot.firstElementChild;
}

// ---------------------------------------------------------------- reply form

function labelsFor(variant) {
  const alt = variant.labels === 'alt' || variant.labels === 'alt2';
  return {
    body: variant.labels === 'none' ? '办理情况' : variant.labels === 'alt2' ? '办理答复' : alt ? '复文正文' : '答复正文',
    cls: alt ? '解决程度' : '答复类别',
    comm: alt ? '面商形式' : '沟通方式',
    contact: alt ? '经办人' : `联${'&nbsp;'}系${'&nbsp;'}人`,
  };
}

function classSelect(variant) {
  const opts = CLASS_OPTIONS.map((t, i) => `<option value="${variant.optvalues === 'index' ? i : 'ABCD'[i]}">${esc(t)}</option>`).join('');
  return `<select name="dflb"><option value="${variant.optvalues === 'index' ? '-1' : ''}">请选择</option>${opts}</select>`;
}

function publicitySelect(variant) {
  const texts = ['全文公开', '摘要公开', '不予公开'];
  const opts = texts.map((t, i) => `<option value="${variant.optvalues === 'index' ? i : ['qwgk', 'zygk', 'bygk'][i]}">${t}</option>`).join('');
  return `<select id="gkxs"><option value="">请选择</option>${opts}</select>`;
}

/** The control that holds the body before the editor is mounted. */
function bodyHolder(variant) {
  switch (variant.editor) {
    case 'textarea': return '<textarea name="dfzw" id="dfzw" class="big" maxlength="4000" placeholder="您提出的关于……的建议收悉，现答复如下"></textarea>';
    case 'kindeditor': return '<textarea name="content" id="content" style="width:100%;height:260px;visibility:hidden;display:none"></textarea><div id="editorSlot"></div>';
    case 'tinymce': return '<textarea name="content" id="content" style="display:none"></textarea><div id="editorSlot"></div>';
    case 'wangeditor5': return '<div id="editorSlot"></div>';
    default: return variant.labels === 'none' ? '<script id="fld3" type="text/plain"></script>' : '<script id="editor" type="text/plain" name="content"></script>';
  }
}

function row(layout, label, control, opts = {}) {
  const star = opts.required ? '<span class="red">*</span>' : '';
  const attrs = opts.attrs || '';
  if (layout === 'layui') {
    return `<div class="layui-form-item" ${attrs}><label class="layui-form-label">${star}${label}：</label><div class="layui-input-block">${control}</div></div>`;
  }
  if (layout === 'element') {
    return `<div class="el-form-item" ${attrs}><label class="el-form-item__label">${star}${label}</label><div class="el-form-item__content">${control}</div></div>`;
  }
  if (opts.stacked) {
    return `<tr ${attrs}><td class="tablelabel" colspan="2" style="text-align:left">${star}${label}：</td></tr><tr><td colspan="2">${control}</td></tr>`;
  }
  return `<tr ${attrs}><td class="tablelabel">${star}${label}：</td><td>${control}</td></tr>`;
}

function wrapRows(layout, rows) {
  if (layout === 'table') return `<table class="tableborder" id="editTable">${rows.join('')}</table>`;
  return `<div class="${layout === 'layui' ? 'layui-form' : 'el-form'}" id="editTable">${rows.join('')}</div>`;
}

export function renderReplyForm(doc, el, variant) {
  const c = findCase(variant.caseId);
  const returned = variant.state === 'returned' || c.status === '退回重办';
  const co = c.role === '会办';
  const L = labelsFor(variant);
  const layout = variant.layout;
  const header = `
    <table class="tableborder" id="caseHeader">
      <tr><td class="tablelabel">${c.kind === '政协提案' ? '提案编号' : '建议编号'}：</td><td>${esc(c.id)}</td>
          <td class="tablelabel">届${'&nbsp;'.repeat(4)}次：</td><td>十七届三次会议</td></tr>
      <tr><td class="tablelabel">${sp('标题')}：</td><td colspan="3">${esc(c.title)}</td></tr>
      <tr><td class="tablelabel">${c.kind === '政协提案' ? '提案人' : '领衔代表'}：</td><td>${esc(c.proposer)}</td>
          <td class="tablelabel">附议代表：</td><td>${esc(c.co || '无')}</td></tr>
      <tr><td class="tablelabel">主办单位：</td><td>××市交通运输局</td><td class="tablelabel">会办单位：</td><td>××市公安局交警支队</td></tr>
      <tr><td class="tablelabel">办理类型：</td><td>${esc(c.role)}</td><td class="tablelabel">交办日期：</td><td>${esc(c.assigned)}</td></tr>
      <tr><td class="tablelabel">办理期限：</td><td>${esc(c.deadline)}</td><td class="tablelabel">原${'&nbsp;'.repeat(4)}件：</td><td><a href="#" onclick="return false">${esc(c.id)} 原件.docx</a></td></tr>
      ${variant.content === 'frame' ? `<tr><td class="tablelabel">原件内容：</td><td colspan="3"><iframe id="recordFrame" src="record.html#${esc(c.id)}" style="width:100%;height:220px;border:0"></iframe></td></tr>` : ''}
      ${variant.content === 'show' && CASE_CONTENT[c.id] ? `<tr><td class="tablelabel">${c.kind === '政协提案' ? '提案内容' : '建议内容'}：</td><td colspan="3" class="case-content">${CASE_CONTENT[c.id].map(esc).join('<br>')}</td></tr>` : ''}
    </table>`;
  const banner = returned ? `<div class="returned" id="returnBox"><b>退回理由：</b><span>${esc(c.returnReason || '答复未说明与代表沟通情况，请补充后重新报送')}</span>
    <br><b>退回时间：</b>${esc(c.returnedAt || '2025-05-06')}</div>` : '';

  let rows;
  if (co) {
    rows = [
      `<tr><td class="tablelabel"><label for="hbyj">会办意见：</label></td><td><textarea id="hbyj" class="big"></textarea></td></tr>`,
      row(layout === 'table' ? 'table' : layout, '联系人', '<input type="text" name="lxr" cn_name="联系人" value="张三">'),
      row(layout === 'table' ? 'table' : layout, '联系电话', '<input type="text" name="lxdh" cn_name="联系电话" value="0000-12345678">'),
      row(layout === 'table' ? 'table' : layout, '会办意见附件', '<button type="button" class="choose-file">上传附件</button><input type="file" id="dfhFile" style="display:none" accept=".doc,.docx,.pdf"><span class="fileList"></span>'),
    ];
  } else {
    const bodyRow = row(layout, L.body, `<div id="bodyCell">${bodyHolder(variant)}</div>`, { required: true, stacked: variant.labels === 'alt2' });
    rows = [
      row(layout, `文${'&nbsp;'.repeat(4)}号`, '<input type="text" name="word" size="6" value="交通">函〔<input type="text" name="year" size="4" value="2025">〕<input type="text" name="no" size="4" value="37">号'),
      row(layout, L.cls, classSelect(variant), { required: true }),
      row(layout, '公开属性', publicitySelect(variant)),
      row(layout, '不公开理由', '<textarea name="bgkly" rows="2" style="width:90%"></textarea>', { attrs: 'id="bgklyRow" style="display:none"' }),
      row(layout, L.comm, ['面商（当面沟通）', '电话', '座谈会', '走访', '书面', '其他'].map((t, i) => `<label><input type="radio" name="gtfs" value="${i + 1}">${t}</label>`).join(' ')),
      row(layout, '沟通时间', '<input type="date" id="gtsj">'),
      row(layout, '沟通对象', '<input type="text" name="gtdx" value="王某某代表">'),
      layout === 'table'
        ? `<tr><td colspan="2"><div class="layui-form-item"><label class="layui-form-label">答复摘要：</label><div class="layui-input-block"><textarea name="dfzy" maxlength="300" rows="3" style="width:95%"></textarea></div></div></td></tr>`
        : row(layout, '答复摘要', '<textarea name="dfzy" maxlength="300" rows="3" style="width:95%"></textarea>'),
      bodyRow,
      row(layout, '答复函上传', '<button type="button" class="choose-file">上传答复函</button><input type="file" id="dfhFile" style="display:none" accept=".doc,.docx,.pdf"><span class="fileList"></span>', { required: true }),
      row(layout, '相关附件', '<input type="file" name="fj" multiple>'),
      row(layout, L.contact, '<input type="text" name="lxr" cn_name="联系人" value="张三">'),
      row(layout, '联系电话', '<input type="text" name="lxdh" cn_name="联系电话" value="0000-12345678">'),
      row(layout, `签${'&nbsp;'}发${'&nbsp;'}人`, '<input type="text" class="attr-value" value="李局长">'),
      row(layout, '答复日期', '<input type="text" name="dfrq" readonly value="2025-05-20">'),
    ];
  }
  const submitLabel = returned ? '重新答复' : '提交审核';
  el.innerHTML = `
    ${banner}
    ${header}
    <form id="replyForm" enctype="multipart/form-data" onsubmit="return false">
      ${wrapRows(co ? 'table' : layout, rows)}
      <div class="btns">
        <input type="button" value="保 存" id="btnSave">
        <button type="button" id="btnSubmit">${submitLabel}</button>
        <button type="button" id="btnPreview">预览</button>
        <button type="button" id="btnBack">返回</button>
      </div>
    </form>`;
  return el.querySelector('#replyForm');
}

// ---------------------------------------------------------------- the record (建议详情 / 原件)

/**
 * The suggestion as a record page shows it: `table`, label cells (案由, 建议内容) with the
 * handling's own 办理要求 below; `text`, the printed record (title, a line of fields, the text).
 */
export function renderRecord(doc, id, shape = 'table') {
  const c = findCase(id);
  const lines = CASE_CONTENT[c.id] || [];
  const app = doc.getElementById('app') || doc.body;
  doc.title = `建议详情 - ${c.id}`;
  if (shape === 'text') {
    app.innerHTML = `
      <div class="record-text">
        <h2 style="text-align:center">${esc(c.title)}</h2>
        <div class="meta">${c.kind === '政协提案' ? '提案号' : '建议编号'}：${esc(c.id)}　领衔代表：${esc(c.proposer)}　附议代表：${esc(c.co || '无')}</div>
        <div class="content">${lines.map((l) => `<p>${esc(l)}</p>`).join('')}</div>
      </div>`;
    return app;
  }
  app.innerHTML = `
    <table class="tableborder" id="record">
      <tr><td class="tablelabel">${c.kind === '政协提案' ? '提案编号' : '建议编号'}：</td><td>${esc(c.id)}</td>
          <td class="tablelabel">届${'&nbsp;'.repeat(4)}次：</td><td>十七届三次会议</td></tr>
      <tr><td class="tablelabel">${sp('案由')}：</td><td colspan="3">${esc(c.title)}</td></tr>
      <tr><td class="tablelabel">${c.kind === '政协提案' ? '提案人' : '领衔代表'}：</td><td>${esc(c.proposer)}</td>
          <td class="tablelabel">附议代表：</td><td>${esc(c.co || '无')}</td></tr>
      <tr><td class="tablelabel">${c.kind === '政协提案' ? '提案内容' : '建议内容'}：</td><td colspan="3">${lines.map(esc).join('<br>')}</td></tr>
      <tr><td class="tablelabel">办理要求：</td><td colspan="3">请于${esc(c.deadline)}前办结并答复代表，答复前请与代表沟通。</td></tr>
    </table>`;
  return app;
}

// ---------------------------------------------------------------- editors

/**
 * Builds the editor DOM in place of the holder. For iframe editors the iframe is created
 * empty; `writeFrame` fills it (browser only). Returns the element that holds the text.
 */
export function mountEditor(doc, variant) {
  const cell = doc.getElementById('bodyCell');
  if (!cell) return null;
  switch (variant.editor) {
    case 'textarea': return cell.querySelector('textarea');
    case 'kindeditor': {
      const slot = cell.querySelector('#editorSlot');
      slot.innerHTML = `<div class="ke-container ke-container-default" style="width:100%"><div class="ke-toolbar"><span class="ke-outline">B</span></div>
        <div class="ke-edit"><iframe class="ke-edit-iframe" frameborder="0" tabindex=""></iframe></div><div class="ke-statusbar"></div></div>`;
      return slot.querySelector('iframe');
    }
    case 'tinymce': {
      const slot = cell.querySelector('#editorSlot');
      slot.innerHTML = `<div class="tox tox-tinymce" role="application"><div class="tox-editor-container"><div class="tox-toolbar">…</div>
        <div class="tox-edit-area"><iframe id="content_ifr" class="tox-edit-area__iframe" frameborder="0" title="富文本区域"></iframe></div></div></div>`;
      return slot.querySelector('iframe');
    }
    case 'wangeditor5': {
      const slot = cell.querySelector('#editorSlot');
      slot.innerHTML = `<div id="editor-toolbar" data-w-e-toolbar="true"><div class="w-e-bar">B I U</div></div>
        <div id="editor-container" data-w-e-textarea="true"><div class="w-e-text-container"><div class="w-e-scroll">
        <div id="w-e-textarea-1" data-slate-editor="true" contenteditable="true" role="textbox" zindex="-1"><p><br></p></div></div></div></div>`;
      return slot.querySelector('[data-slate-editor]');
    }
    default: {
      // UEditor 1.4.x: the <script> holder becomes a <div> with the same id.
      const none = variant.labels === 'none';
      const holder = cell.querySelector(none ? '#fld3' : '#editor');
      const div = doc.createElement('div');
      div.id = none ? 'fld3' : 'editor';
      if (!none) div.setAttribute('name', 'content');
      div.innerHTML = `<div id="edui1" class="edui-editor edui-default" style="width:100%">
        <div id="edui1_toolbarbox" class="edui-editor-toolbarbox"><button type="button" class="edui-bold">加粗</button>
          <button type="button" class="edui-pasteplain">纯文本粘贴</button><button type="button" class="edui-fullscreen">全屏</button></div>
        <div id="edui1_iframeholder" class="edui-editor-iframeholder"></div>
        <div id="edui1_bottombar" class="edui-editor-bottomContainer">已输入<span class="count">0</span>个字符</div></div>`;
      if (holder) holder.replaceWith(div); else cell.appendChild(div);
      const iframe = doc.createElement('iframe');
      iframe.id = 'ueditor_0';
      iframe.setAttribute('frameborder', '0');
      div.querySelector('#edui1_iframeholder').appendChild(iframe);
      return iframe;
    }
  }
}

/** Writes the editor document into an iframe (like UEditor's javascript: src). */
export function writeFrame(iframe, kind) {
  const d = iframe.contentDocument;
  d.open();
  d.write(EDITOR_FRAME_HTML[kind] || EDITOR_FRAME_HTML.ueditor);
  d.close();
  return d;
}

/**
 * Static rendering for tests without a browser (no scripts run, no iframe documents):
 * shell + route visibility + reply form + editor DOM. Returns the editor element
 * (iframe / editable / textarea) so the caller can attach an iframe document.
 */
export function renderStatic(doc, variant) {
  if (variant.frame === 'inner') {
    const app = doc.getElementById('app');
    app.innerHTML = '<div id="formView" style="padding:8px"></div>';
    renderReplyForm(doc, doc.getElementById('formView'), variant);
    return mountEditor(doc, variant);
  }
  renderShell(doc, variant);
  const list = doc.getElementById('listView');
  const fv = doc.getElementById('formView');
  if (variant.route === 'reply' && variant.frame === 'dialog') {
    doc.getElementById('dialogView').innerHTML = `<div class="dialog" id="replyDialog"><div class="title">填写答复</div>
      <iframe id="layui-layer-iframe1" src="reply.html?frame=inner#reply/${esc(variant.caseId)}"></iframe></div>`;
    return null;
  }
  if (variant.route === 'reply') {
    list.setAttribute('style', 'display:none');
    fv.setAttribute('style', '');
    renderReplyForm(doc, fv, variant);
    return mountEditor(doc, variant);
  }
  return null;
}

// ---------------------------------------------------------------- browser boot

function boot(win) {
  const doc = win.document;
  const state = { variant: null, editorEl: null, editorKind: null, submitted: [], inputEvents: 0, lastInputText: '', uploads: [], toast: '', clicks: [] };

  const liveBody = () => {
    const v = state.variant;
    if (!v) return null;
    const el = state.editorEl;
    if (!el) return null;
    if (el.tagName === 'IFRAME') return el.contentDocument && el.contentDocument.body;
    return el;
  };
  const bodyText = () => {
    const b = liveBody();
    if (!b) { const co = doc.getElementById('hbyj'); return co ? co.value : ''; }
    return b.tagName === 'TEXTAREA' ? b.value : b.innerText;
  };
  const toast = (msg) => {
    state.toast = msg;
    const t = doc.getElementById('toast');
    t.textContent = msg; t.style.display = 'block';
    win.setTimeout(() => { t.style.display = 'none'; }, 1500);
  };
  const onBodyInput = () => {
    state.inputEvents++;
    state.lastInputText = bodyText();
    const count = doc.querySelector('#edui1_bottombar .count');
    if (count) count.textContent = String(state.lastInputText.replace(/\s/g, '').length);
  };

  const setupEditor = (v) => {
    const el = mountEditor(doc, v);
    state.editorEl = el;
    state.editorKind = v.editor;
    if (!el) return;
    if (el.tagName === 'IFRAME') {
      const d = writeFrame(el, v.editor);
      d.addEventListener('input', onBodyInput);
      d.addEventListener('keyup', onBodyInput);
      const fs = doc.querySelector('.edui-fullscreen');
      if (fs) fs.onclick = () => api.recreateEditor();
    } else {
      el.addEventListener('input', onBodyInput);
    }
  };

  const wireForm = (formView, v) => {
    const form = formView.querySelector('#replyForm');
    if (!form) return;
    const gk = form.querySelector('#gkxs');
    if (gk) gk.addEventListener('change', () => {
      const r = doc.getElementById('bgklyRow');
      if (r) r.style.display = gk.options[gk.selectedIndex].text === '不予公开' ? '' : 'none';
    });
    const co = form.querySelector('#hbyj');
    if (co) co.addEventListener('input', onBodyInput);
    // hidden file input behind a button, simulated AJAX upload (no network)
    const btn = form.querySelector('.choose-file');
    const file = form.querySelector('#dfhFile');
    if (btn && file) {
      btn.addEventListener('click', () => file.click());
      file.addEventListener('change', () => {
        const list = form.querySelector('.fileList');
        for (const f of Array.from(file.files || [])) {
          state.uploads.push(f.name);
          const a = doc.createElement('a'); a.className = 'attachment-file'; a.href = '#'; a.textContent = f.name;
          const del = doc.createElement('a'); del.className = 'del'; del.href = '#'; del.textContent = '删除';
          del.onclick = (e) => { e.preventDefault(); a.remove(); del.remove(); };
          list.append(' ', a, ' ', del);
        }
        win.setTimeout(() => { file.value = ''; }, 0); // like ajaxfileupload: the input is cleared
      });
    }
    form.querySelector('#btnSave').addEventListener('click', () => toast('保存成功'));
    form.querySelector('#btnBack').addEventListener('click', () => { win.location.hash = '#list'; });
    form.querySelector('#btnSubmit').addEventListener('click', () => {
      state.clicks.push('submit');
      const text = bodyText().trim();
      const cls = form.querySelector('select[name=dflb]');
      if (!text) { toast('请填写答复正文'); return; }
      if (cls && cls.selectedIndex <= 0) { toast('请选择答复类别'); return; }
      // UEditor copies the live body into a hidden textarea only now
      let html = '';
      const b = liveBody();
      if (b && b.tagName !== 'TEXTAREA') {
        html = b.innerHTML;
        let ta = doc.getElementById('ueditor_textarea_content');
        if (!ta) {
          ta = doc.createElement('textarea'); ta.id = 'ueditor_textarea_content'; ta.name = 'content'; ta.style.display = 'none';
          (doc.getElementById('editor') || form).appendChild(ta);
        }
        ta.value = html;
      }
      state.submitted.push({ text, html, class: cls ? cls.options[cls.selectedIndex].text : null });
      toast('提交成功');
    });
  };

  const render = () => {
    const v = parseVariant(win.location.search, win.location.hash);
    state.variant = v;
    state.editorEl = null;
    if (v.frame === 'inner') {
      // the dialog iframe: only the form
      const app = doc.getElementById('app');
      app.innerHTML = '<div id="formView" style="padding:8px"></div>';
      const fv = doc.getElementById('formView');
      renderReplyForm(doc, fv, v);
      wireForm(fv, v);
      win.setTimeout(() => setupEditor(v), 120);
      return;
    }
    if (!doc.getElementById('listView')) renderShell(doc, v);
    const list = doc.getElementById('listView');
    const fv = doc.getElementById('formView');
    const dv = doc.getElementById('dialogView');
    dv.innerHTML = '';
    if (v.route === 'reply' && v.frame === 'dialog') {
      list.style.display = '';
      fv.style.display = 'none';
      const q = new URLSearchParams(win.location.search);
      q.set('frame', 'inner');
      dv.innerHTML = `<div class="dialog" id="replyDialog"><div class="title">填写答复 <a href="#list" style="color:#fff;float:right">×</a></div>
        <iframe id="layui-layer-iframe1" name="layui-layer-iframe1" src="reply.html?${esc(q.toString())}#reply/${esc(encodeURIComponent(v.caseId))}"></iframe></div>`;
      return;
    }
    if (v.route === 'reply') {
      list.style.display = 'none';
      fv.style.display = '';
      renderReplyForm(doc, fv, v);
      wireForm(fv, v);
      // editors load late, as in real systems
      win.setTimeout(() => setupEditor(v), 120);
    } else {
      list.style.display = '';
      fv.style.display = 'none';
      fv.innerHTML = '';
    }
  };

  doc.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a.sign, a.back');
    if (!a) return;
    e.preventDefault();
    const tr = a.closest('tr');
    const c = findCase(tr.getAttribute('data-case'));
    if (a.classList.contains('sign')) { c.status = '办理中'; tr.querySelector('.status').textContent = '办理中'; toast('签收成功'); }
    else {
      const f = renderBackForm(doc, doc.getElementById('backSlot'), c);
      f.querySelector('#btnBackSubmit').addEventListener('click', () => { state.clicks.push('back-submit'); toast('申退已提交'); f.remove(); });
      f.querySelector('#btnBackCancel').addEventListener('click', () => f.remove());
    }
  });

  const api = {
    setBody(html) {
      const b = liveBody();
      if (!b) return false;
      if (b.tagName === 'TEXTAREA') b.value = html; else b.innerHTML = html;
      onBodyInput();
      return true;
    },
    getBody() { const b = liveBody(); return b ? (b.tagName === 'TEXTAREA' ? b.value : b.innerHTML) : null; },
    getBodyText: bodyText,
    getState() {
      const form = doc.getElementById('replyForm');
      const cls = form && form.querySelector('select[name=dflb]');
      const hidden = doc.getElementById('ueditor_textarea_content');
      return {
        route: state.variant && state.variant.route, caseId: state.variant && state.variant.caseId, editor: state.editorKind,
        class: cls ? cls.options[cls.selectedIndex].text : null, hiddenTextarea: hidden ? hidden.value : null,
        uploads: state.uploads.slice(), submitted: state.submitted.slice(), inputEvents: state.inputEvents,
        lastInputText: state.lastInputText, toast: state.toast, clicks: state.clicks.slice(), editorReady: !!liveBody(),
      };
    },
    reset() { state.submitted = []; state.inputEvents = 0; state.uploads = []; state.clicks = []; render(); },
    recreateEditor() {
      // like UEditor's fullscreen/source toggle: a fresh iframe replaces the old one
      const old = state.editorEl;
      if (!old || old.tagName !== 'IFRAME') return false;
      const content = old.contentDocument.body.innerHTML;
      const parent = old.parentNode;
      const fresh = doc.createElement('iframe');
      fresh.id = old.id; fresh.className = old.className; fresh.setAttribute('frameborder', '0');
      old.remove();
      parent.appendChild(fresh);
      const d = writeFrame(fresh, state.editorKind);
      d.body.innerHTML = content;
      d.addEventListener('input', onBodyInput);
      d.addEventListener('keyup', onBodyInput);
      state.editorEl = fresh;
      return true;
    },
  };
  win.__replica = api;
  win.addEventListener('hashchange', render);
  render();
}

if (typeof window !== 'undefined' && window.document && !window.__replicaNoBoot) {
  boot(window);
}
