import { defineConfig } from 'wxt';

/**
 * dafu 浏览器扩展的 WXT 配置。
 *
 * - 内容脚本不写进 manifest 的 content_scripts，而是由后台按"已启用网站"用
 *   scripting.registerContentScripts 动态注册（entrypoints/content.ts 的 registration: 'runtime'）。
 * - 网站权限一律是可选权限（optional_host_permissions），用户在弹窗里点"在此网站启用"时申请。
 * - 管理员可在构建时用环境变量 DAFU_HOSTS（逗号分隔的匹配模式，如 "http://10.1.2.3/*"）
 *   把内网系统写进 host_permissions：安装即授权，后台首次启动时把它们登记为已启用网站。
 * - 不联网：不申请 webRequest 等权限，也不加载任何远程资源。
 */
const adminHosts = (process.env.DAFU_HOSTS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

export default defineConfig({
  // 不用自动导入：所有代码显式 import，单元测试无需 WXT 插件即可加载 utils/。
  imports: false,
  // no modulepreload polyfill: it is the only fetch() in the bundle (scripts/audit-bundle.mjs keeps it that way)
  // the content script embeds the whole rule pack (one IIFE file): ~0.6 MB is expected
  vite: () => ({ build: { modulePreload: { polyfill: false }, chunkSizeWarningLimit: 1500 } }),
  manifest: ({ browser, manifestVersion }) => {
    const optionalHosts = ['http://*/*', 'https://*/*'];
    const base = {
      name: 'dafu 答复检查',
      description: '在建议提案办理系统的答复表单里提示答复稿的问题。只在你启用的网站上运行，不联网。',
      default_locale: undefined,
      permissions: ['storage', 'scripting', 'activeTab'],
      // public/icon/<size>.png also become manifest.icons (WXT)
      action: { default_title: 'dafu 答复检查', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' } },
    } as Record<string, unknown>;
    if (adminHosts.length) base.host_permissions = adminHosts;
    if (manifestVersion === 3) {
      base.optional_host_permissions = optionalHosts;
    } else {
      // MV2（Firefox 默认）：可选网站权限写在 optional_permissions 里。
      base.optional_permissions = optionalHosts;
    }
    // settings pushed by policy (Chrome/Edge 3rdparty.extensions.<id>); Firefox reads
    // policies.json 3rdparty.Extensions without a schema and warns about this key
    if (browser !== 'firefox') base.storage = { managed_schema: 'managed-schema.json' };
    if (browser === 'firefox') {
      base.browser_specific_settings = {
        gecko: {
          id: 'dafu@dafu.local',
          strict_min_version: '115.0',
          data_collection_permissions: { required: ['none'] },
        },
      };
    }
    return base;
  },
});
