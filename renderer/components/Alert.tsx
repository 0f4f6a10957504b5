// An error or warning that screen readers announce as soon as it appears.
import type { ReactNode } from 'react';

export function Alert({ children, id }: { readonly children: ReactNode; readonly id?: string }) {
  return (
    <div role="alert" id={id} className="alert">
      {children}
    </div>
  );
}
