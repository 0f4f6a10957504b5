// The application menu in the interface language. Without one Electron installs its own default, in English, whose Help
// menu links to Electron's site. Roles keep each item's standard behaviour and accelerator; only the labels are ours.
import type { MenuItemConstructorOptions } from 'electron';
import type { Translate } from './i18n/words.ts';

export interface AppMenuOptions {
  readonly platform: NodeJS.Platform;
  /** Run from the project (`npm start`): reload and the developer tools are offered. */
  readonly developer: boolean;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

export function appMenuTemplate(t: Translate, { platform, developer }: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const quit: MenuItemConstructorOptions = { role: 'quit', label: t('shell.menu.quit') };
  // macOS names its first menu after the app, whatever the label.
  const first: MenuItemConstructorOptions = mac
    ? {
        label: 'Causette',
        submenu: [
          { role: 'about', label: t('shell.menu.about') },
          separator,
          { role: 'services', label: t('shell.menu.services') },
          separator,
          { role: 'hide', label: t('shell.menu.hide') },
          { role: 'hideOthers', label: t('shell.menu.hideOthers') },
          { role: 'unhide', label: t('shell.menu.showAll') },
          separator,
          quit,
        ],
      }
    : { label: t('shell.menu.file'), submenu: [quit] };
  const development: MenuItemConstructorOptions[] = developer
    ? [separator, { role: 'reload', label: t('shell.menu.reload') }, { role: 'toggleDevTools', label: t('shell.menu.devTools') }]
    : [];
  return [
    first,
    {
      label: t('shell.menu.edit'),
      submenu: [
        { role: 'undo', label: t('shell.menu.undo') },
        { role: 'redo', label: t('shell.menu.redo') },
        separator,
        { role: 'cut', label: t('shell.menu.cut') },
        { role: 'copy', label: t('shell.menu.copy') },
        { role: 'paste', label: t('shell.menu.paste') },
        { role: 'selectAll', label: t('shell.menu.selectAll') },
      ],
    },
    {
      label: t('shell.menu.view'),
      submenu: [
        { role: 'resetZoom', label: t('shell.menu.resetZoom') },
        { role: 'zoomIn', label: t('shell.menu.zoomIn') },
        { role: 'zoomOut', label: t('shell.menu.zoomOut') },
        separator,
        { role: 'togglefullscreen', label: t('shell.menu.fullScreen') },
        ...development,
      ],
    },
    {
      role: 'window',
      label: t('shell.menu.window'),
      submenu: mac
        ? [
            { role: 'minimize', label: t('shell.menu.minimize') },
            { role: 'zoom', label: t('shell.menu.zoom') },
            separator,
            { role: 'front', label: t('shell.menu.front') },
          ]
        : [
            { role: 'minimize', label: t('shell.menu.minimize') },
            { role: 'close', label: t('shell.menu.close') },
          ],
    },
  ];
}
