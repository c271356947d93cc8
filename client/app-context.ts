import { createContext, useContext } from 'solid-js';
import type { AppData } from './state/app-data';

export const AppDataContext = createContext<AppData>();

/** For pages (the loaders); components get their data as props. */
export function useAppData(): AppData {
  const data = useContext(AppDataContext);
  if (!data) throw new Error('useAppData must be used inside <AppDataContext.Provider>');
  return data;
}
