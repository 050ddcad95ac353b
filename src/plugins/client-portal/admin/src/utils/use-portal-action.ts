import { useNotification } from '@strapi/strapi/admin';
import { messageOf, usePortalWrite } from './money-api';

type Write = ReturnType<typeof usePortalWrite>['mutateAsync'];
type Answer = Awaited<ReturnType<Write>>;

/**
 * A portal write that says how it went: its success message in a toast, then `then` with the
 * server's answer; or, when the write (or `then`) failed, the server's own words in a toast.
 */
export const usePortalAction = () => {
  const write = usePortalWrite();
  const { toggleNotification } = useNotification();
  const run = async (
    request: Parameters<Write>[0],
    success: string | ((answer: Answer) => string),
    then?: (answer: Answer) => void
  ) => {
    try {
      const answer = await write.mutateAsync(request);
      toggleNotification({ type: 'success', message: typeof success === 'string' ? success : success(answer) });
      then?.(answer);
    } catch (failure) {
      toggleNotification({ type: 'danger', message: messageOf(failure) });
    }
  };
  return { run, isLoading: write.isLoading };
};
