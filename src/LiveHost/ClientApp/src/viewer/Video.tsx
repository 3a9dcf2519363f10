// The room's video: HLS through hls.js (loaded only when needed), the cover image, or a placeholder.
import { useEffect, useRef } from 'preact/hooks';
import type { Room } from '../lib/types';
import { t } from '../lib/i18n';

export function Video({ room }: { room: Room | null }) {
  const video = useRef<HTMLVideoElement>(null);
  const url = room?.streamUrl ?? null;
  useEffect(() => {
    const element = video.current;
    if (!url || !element) return;
    if (element.canPlayType('application/vnd.apple.mpegurl')) {
      element.src = url;
      return () => { element.removeAttribute('src'); element.load(); };
    }
    let destroy: (() => void) | undefined;
    let cancelled = false;
    void import('hls.js/light').then(({ default: Hls }) => {
      if (cancelled || !Hls.isSupported()) return;
      const hls = new Hls({ enableWorker: true, lowLatencyMode: true });
      hls.loadSource(url);
      hls.attachMedia(element);
      destroy = () => hls.destroy();
    });
    return () => { cancelled = true; destroy?.(); };
  }, [url]);

  return (
    <div class="video" data-testid="video">
      {url
        ? <video ref={video} autoplay muted playsInline controls poster={room?.coverImageUrl ?? undefined} />
        : room?.coverImageUrl
          ? <img src={room.coverImageUrl} alt="" />
          : <div class="placeholder">{room ? t('room.noVideo') : ''}</div>}
    </div>
  );
}
