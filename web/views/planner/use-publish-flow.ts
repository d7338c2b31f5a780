import { useState } from 'react';
import { type PublishResultDto, usePublishVersion } from '../../api/versions';

/** The publish confirmation: open, confirm (publishes), close; remembers the last result. */
export function usePublishFlow(draftId: number | null) {
  const [isOpen, setOpen] = useState(false);
  const [result, setResult] = useState<PublishResultDto | null>(null);
  const publish = usePublishVersion();
  return {
    isOpen,
    result,
    busy: publish.isPending,
    error: publish.error?.message ?? null,
    open: () => {
      publish.reset();
      setOpen(true);
    },
    close: () => setOpen(false),
    confirm: () => {
      if (draftId === null) return;
      publish.mutate(draftId, {
        onSuccess: (r) => {
          setResult(r);
          setOpen(false);
        },
      });
    },
  };
}
