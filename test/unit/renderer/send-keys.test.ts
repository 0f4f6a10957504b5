import { describe, expect, it } from 'vitest';
import { ctrlName, enterAction, type EnterPress } from '../../../renderer/features/chat/send-keys.ts';

const press = (changes: Partial<EnterPress> = {}): EnterPress => ({ key: 'Enter', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...changes });

describe('Enter in the message box', () => {
  it('sends on Enter by default, and Shift+Enter breaks the line', () => {
    expect(enterAction(press(), 'enter')).toBe('send');
    expect(enterAction(press({ shiftKey: true }), 'enter')).toBeUndefined();
    expect(enterAction(press({ ctrlKey: true }), 'enter')).toBe('send');
  });

  it('with Ctrl+Enter chosen, Enter breaks the line and Ctrl or Cmd+Enter sends', () => {
    expect(enterAction(press(), 'ctrlEnter')).toBeUndefined();
    expect(enterAction(press({ shiftKey: true }), 'ctrlEnter')).toBeUndefined();
    expect(enterAction(press({ ctrlKey: true }), 'ctrlEnter')).toBe('send');
    expect(enterAction(press({ metaKey: true }), 'ctrlEnter')).toBe('send');
  });

  it('leaves other keys and Alt+Enter to the box', () => {
    expect(enterAction(press({ key: 'a' }), 'enter')).toBeUndefined();
    expect(enterAction(press({ altKey: true }), 'enter')).toBeUndefined();
  });

  it('names the modifier as the keyboard does', () => {
    expect(ctrlName('MacIntel')).toBe('⌘');
    expect(ctrlName('Linux x86_64')).toBe('Ctrl');
    expect(ctrlName('Win32')).toBe('Ctrl');
  });
});
