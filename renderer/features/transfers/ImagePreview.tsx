// A downloaded image shown in its message: read from the host (never from the network), only once the user downloaded it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadedImage } from '../../api.ts';

const IMAGE = /\.(png|jpe?g|gif|webp)$/iu;

/** Whether a saved file's name says it is an image the host serves as a preview. */
export const isPreviewable = (name: string): boolean => IMAGE.test(name);

export function ImagePreview({ transferId, name }: { readonly transferId: string; readonly name: string }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<string>();
  useEffect(() => {
    let address: string | undefined;
    let live = true;
    void downloadedImage(transferId).then((blob) => {
      if (!live || !blob) return;
      address = URL.createObjectURL(blob);
      setSource(address);
    });
    return () => {
      live = false;
      if (address !== undefined) URL.revokeObjectURL(address);
    };
  }, [transferId]);
  if (source === undefined) return null;
  return <img className="file-card-preview" src={source} alt={t('files.preview', { name })} />;
}
