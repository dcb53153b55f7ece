import { useEffect } from 'react';

/**
 * Calls `refresh` every `ms` while the tab is visible, and at once when the tab becomes visible
 * again (a page coming back shows what is true now, not up to `ms` later). `refresh` decides
 * itself whether to skip a round (a drag in progress, a form being edited).
 */
export function useWhileVisible(refresh: () => void, ms: number) {
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    const timer = setInterval(tick, ms);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [refresh, ms]);
}
