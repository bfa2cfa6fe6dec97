import { useEffect } from 'react';

/** The performance mark the web benchmark reads (bench/web-verify-page.bench.ts). */
export const VERDICT_MARK = 'qualcert:verdict';

/**
 * Marks the moment the verdict is on the page: effects run once React has committed the DOM and
 * attached its handlers, so from here the page shows its answer and responds.
 */
export function useVerdictMark(shown: boolean): void {
  useEffect(() => {
    if (shown && performance.getEntriesByName(VERDICT_MARK).length === 0) performance.mark(VERDICT_MARK);
  }, [shown]);
}
