import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateDraft, useDeleteDraft, useVersions } from '../../api/versions';

/**
 * The version on screen: the chosen draft, else the newest draft, else the published version
 * (read-only). Creating a draft switches to it.
 */
export function useDraftChoice() {
  const { t, i18n } = useTranslation();
  const versions = useVersions();
  const create = useCreateDraft();
  const remove = useDeleteDraft();
  const [chosen, setChosen] = useState<number | null>(null);
  const list = versions.data ?? [];
  const drafts = list.filter((v) => v.status === 'draft');
  const published = list.find((v) => v.status === 'published') ?? null;
  const draft = drafts.find((d) => d.id === chosen) ?? drafts.at(-1) ?? null;

  useEffect(() => {
    if (chosen !== null && versions.data && !drafts.some((d) => d.id === chosen)) setChosen(null);
  }, [chosen, versions.data, drafts]);

  const createDraft = useCallback(async () => {
    const name = t('planner.newDraftName', { date: new Date().toLocaleString(i18n.language) });
    const created = await create.mutateAsync(name);
    setChosen(created.id);
  }, [create, t, i18n.language]);

  return {
    versions: list,
    draft,
    published,
    /** The version drawn: the draft being edited, or the published one when there is none. */
    shownId: draft?.id ?? published?.id ?? null,
    busy: create.isPending || remove.isPending,
    error: versions.error ?? create.error ?? remove.error ?? null,
    pick: setChosen,
    createDraft,
    deleteDraft: (id: number) => remove.mutate(id),
  };
}
