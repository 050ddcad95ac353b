import { Button, Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useState } from 'react';
import { useLabel, useProjectTasks, type ProjectOption } from '../../utils/time-api';
import type { RowKey } from '../../utils/time-logic';

/** Pick a project and, optionally, one of its tasks, to add a row to the grid. */
export const RowPicker = ({ projects, onAdd }: { projects: ProjectOption[]; onAdd: (row: RowKey) => void }) => {
  const label = useLabel();
  const [project, setProject] = useState<string | null>(null);
  const [task, setTask] = useState<string | null>(null);
  const tasks = useProjectTasks(project);
  const chosen = projects.find((option) => option.documentId === project);
  const chosenTask = tasks.data?.find((option) => option.documentId === task) ?? null;

  return (
    <Flex gap={4} alignItems="flex-end" marginBottom={4} wrap="wrap">
      <Field.Root name="project">
        <Field.Label>{label('time.project', 'Project')}</Field.Label>
        <SingleSelect
          placeholder={label('time.pickProject', 'Pick a project')}
          value={project ?? undefined}
          onChange={(value) => {
            setProject(String(value));
            setTask(null);
          }}
        >
          {projects.map((option) => (
            <SingleSelectOption key={option.documentId} value={option.documentId}>
              {option.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Field.Root name="task">
        <Field.Label>{label('time.task', 'Task')}</Field.Label>
        <SingleSelect
          placeholder={label('time.noTask', 'No task')}
          disabled={!project}
          value={task ?? undefined}
          onChange={(value) => setTask(String(value))}
        >
          {(tasks.data ?? []).map((option) => (
            <SingleSelectOption key={option.documentId} value={option.documentId}>
              {option.title}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Button
        variant="secondary"
        disabled={!chosen}
        onClick={() => {
          if (chosen) onAdd({ project: { documentId: chosen.documentId, name: chosen.name }, task: chosenTask });
        }}
      >
        {label('time.addRow', 'Add row')}
      </Button>
    </Flex>
  );
};
