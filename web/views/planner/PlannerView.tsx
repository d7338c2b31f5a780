import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './planner.css';
import { useVersionImpact, useVersionIssues } from '../../api/versions';
import { plannerCssVariables } from '../../theme/theme';
import { DraftBar } from './DraftBar';
import { ImpactTable } from './ImpactTable';
import { IssuesPanel } from './IssuesPanel';
import { PlannerWorkspace } from './PlannerWorkspace';
import { PublishDialog } from './PublishDialog';
import { useDraftChoice } from './use-draft-choice';
import { usePublishFlow } from './use-publish-flow';

/**
 * Boundary planner (网格规划): pick or start a draft, edit its grids on the map (shared vertices,
 * split, merge, undo/redo), watch validation and impact update after each edit, publish.
 */
export function PlannerView() {
  const { t } = useTranslation();
  const choice = useDraftChoice();
  const draftId = choice.draft?.id ?? null;
  const issues = useVersionIssues(draftId);
  const impact = useVersionImpact(draftId);
  const publish = usePublishFlow(draftId);
  const [focusedIssue, setFocusedIssue] = useState<number | null>(null);

  return (
    <main className="gs-explorer gs-planner" style={plannerCssVariables()}>
      {choice.shownId !== null && (
        <PlannerWorkspace
          versionId={choice.shownId}
          editable={draftId !== null}
          issues={issues.data?.issues ?? []}
          focusedIssue={focusedIssue}
          changedCodes={impact.data?.grids.map((g) => g.code) ?? []}
        />
      )}
      <div className="gs-overlay gs-overlay--right gs-planner-panel-wrap">
        <aside className="gs-panel gs-card gs-planner-panel" data-testid="planner-panel">
          <DraftBar
            versions={choice.versions}
            draftId={draftId}
            busy={choice.busy || publish.busy}
            onPick={choice.pick}
            onCreate={() => void choice.createDraft()}
            onDelete={choice.deleteDraft}
            onPublish={publish.open}
          />
          {publish.result && (
            <p className="gs-planner-ok" data-testid="planner-published">
              {t('planner.publish.done', { id: publish.result.versionId })}
            </p>
          )}
          {choice.error && (
            <p className="gs-notice">{t('planner.hint.failed', { message: choice.error.message })}</p>
          )}
          {draftId !== null && (
            <>
              <IssuesPanel report={issues.data} focused={focusedIssue} onFocus={setFocusedIssue} />
              <ImpactTable impact={impact.data} />
            </>
          )}
        </aside>
      </div>
      {publish.isOpen && (
        <PublishDialog
          report={issues.data}
          impact={impact.data}
          busy={publish.busy}
          error={publish.error}
          onConfirm={publish.confirm}
          onCancel={publish.close}
        />
      )}
    </main>
  );
}
