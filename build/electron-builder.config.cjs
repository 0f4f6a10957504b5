// electron-builder configuration for `npm run dist`: installers per platform, every Electron fuse set explicitly.
// Fuses: https://www.electronjs.org/docs/latest/tutorial/fuses

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.causette.app',
  productName: 'Causette',
  // The licence, GPL-3.0-or-later, comes from package.json (deb's License field); GPL needs no EULA screen.
  copyright: 'Copyright © Causette contributors',
  directories: { output: 'release', buildResources: 'build' },
  // main.js and preload.cjs are self-contained bundles: no node_modules ship with the app.
  // The tray and window icons are read at run time from assets/ inside app.asar (electron/main.ts).
  files: ['dist/**', 'assets/tray/**', 'assets/icon.png', 'package.json', '!**/node_modules/**'],
  // One 512×512 PNG: electron-builder makes the .icns, .ico and Linux sizes from it.
  icon: 'assets/icon.png',
  asar: true,
  // Nothing native to rebuild: SQLite is node:sqlite, inside Electron.
  npmRebuild: false,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Network;InstantMessaging;Chat',
    synopsis: 'A desktop messenger for XMPP (Jabber)',
  },
  deb: { packageCategory: 'net' },
  mac: { target: 'dmg', category: 'public.app-category.social-networking' },
  win: { target: 'nsis' },
  nsis: { oneClick: false, allowToChangeInstallationDirectory: true },
};
