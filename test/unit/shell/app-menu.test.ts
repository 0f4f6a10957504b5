import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../electron/app-menu.ts';
import { english, french } from './words-in.ts';

type Item = MenuItemConstructorOptions;
const submenu = (item: Item | undefined): Item[] => (Array.isArray(item?.submenu) ? item.submenu : []);
const outline = (items: readonly Item[]) => items.map((item) => [item.label, submenu(item).map((inner) => inner.type === 'separator' ? '---' : inner.label)]);
const roles = (items: readonly Item[]) => items.flatMap((item) => [item.role, ...submenu(item).map((inner) => inner.role)]).filter((role) => role !== undefined);

describe('the application menu', () => {
  it('lays out File, Edit, View and Window in English on Linux and Windows, without Electron’s Help', () => {
    expect(outline(appMenuTemplate(english, { platform: 'linux', developer: false }))).toEqual([
      ['File', ['Quit Causette']],
      ['Edit', ['Undo', 'Redo', '---', 'Cut', 'Copy', 'Paste', 'Select All']],
      ['View', ['Actual Size', 'Zoom In', 'Zoom Out', '---', 'Toggle Full Screen']],
      ['Window', ['Minimize', 'Close Window']],
    ]);
    expect(roles(appMenuTemplate(english, { platform: 'win32', developer: false }))).not.toContain('help');
  });

  it('speaks French, keeping each item’s role for its behaviour and shortcut', () => {
    const menu = appMenuTemplate(french, { platform: 'linux', developer: false });
    expect(outline(menu)).toEqual([
      ['Fichier', ['Quitter Causette']],
      ['Édition', ['Annuler', 'Rétablir', '---', 'Couper', 'Copier', 'Coller', 'Tout sélectionner']],
      ['Affichage', ['Taille réelle', 'Zoom avant', 'Zoom arrière', '---', 'Plein écran']],
      ['Fenêtre', ['Réduire', 'Fermer la fenêtre']],
    ]);
    expect(roles(menu)).toEqual(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'window', 'minimize', 'close']);
  });

  it('on macOS opens with the app’s own menu and a window menu of its kind', () => {
    const menu = appMenuTemplate(french, { platform: 'darwin', developer: false });
    expect(outline(menu)[0]).toEqual(['Causette', ['À propos de Causette', '---', 'Services', '---', 'Masquer Causette', 'Masquer les autres', 'Tout afficher', '---', 'Quitter Causette']]);
    expect(outline(menu)[3]).toEqual(['Fenêtre', ['Réduire', 'Zoom', '---', 'Tout ramener au premier plan']]);
  });

  it('offers reload and the developer tools only when run from the project', () => {
    const view = (developer: boolean) => submenu(appMenuTemplate(english, { platform: 'linux', developer })[2]).map((item) => item.role);
    expect(view(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(view(false)).not.toContain('toggleDevTools');
    expect(view(false)).not.toContain('reload');
  });
});
