import { useCallback, useEffect, useState } from 'react';
import { PLUGIN_ID } from '../../../shared/contracts';
import { parseTimer, type RowKey, type TimerState } from './time-logic';

/** The running timer of a person, kept in localStorage so that it survives reloads. */
export const useTimer = (personId: number) => {
  const key = `${PLUGIN_ID}.timer.${personId}`;
  const [timer, setTimer] = useState<TimerState | null>(() => parseTimer(window.localStorage.getItem(key)));
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (!timer) return undefined;
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(tick);
  }, [timer]);

  const start = useCallback(
    (row: RowKey) => {
      const next = { ...row, startedAt: Date.now() };
      window.localStorage.setItem(key, JSON.stringify(next));
      setNow(next.startedAt);
      setTimer(next);
    },
    [key]
  );
  const clear = useCallback(() => {
    window.localStorage.removeItem(key);
    setTimer(null);
  }, [key]);

  return { timer, now, start, clear };
};
