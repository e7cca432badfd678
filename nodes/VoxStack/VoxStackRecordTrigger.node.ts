import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import type { PollSource } from '../shared/polling';
import { recordTriggerBase, recordTriggerProperties, runPoll } from '../shared/polling';
import { apiBaseUrl, VOXSTACK_CREDENTIAL, VOXSTACK_PAGE_SIZE, voxStackSpec } from './api';

const EVENTS = [
	{ name: 'Call Completed', value: 'completed', description: 'A call of the account completed' },
	{ name: 'Call Failed', value: 'failed', description: 'A call of the account failed or was cancelled' },
	{ name: 'Any Status Change', value: 'any', description: 'A call was started or changed status' },
];

const ids = (value: unknown) => String(value ?? '').split(/[\s,]+/).filter(Boolean);

export class VoxStackRecordTrigger implements INodeType {
	description: INodeTypeDescription = {
		...recordTriggerBase,
		subtitle: '={{$parameter["event"]}}',
		displayName: 'VoxStack Record Trigger',
		name: 'voxStackRecordTrigger',
		icon: { light: 'file:voxstack.svg', dark: 'file:voxstack.dark.svg' },
		description: 'Polls VoxStack for completed, failed or changed calls of the whole account',
		defaults: { name: 'VoxStack Record Trigger' },
		credentials: [{ name: VOXSTACK_CREDENTIAL, required: true }],
		properties: recordTriggerProperties([
			{ displayName: 'Event', name: 'event', type: 'options', options: EVENTS, default: 'completed' },
			{ displayName: 'Agent IDs', name: 'agentIds', type: 'string', default: '', description: 'Only calls of these agents (comma-separated IDs; empty: all)' },
			{ displayName: 'Task IDs', name: 'taskIds', type: 'string', default: '', description: 'Only calls of these tasks (comma-separated IDs; empty: all)' },
		]),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const status = this.getNodeParameter('event') as string;
		const agents = ids(this.getNodeParameter('agentIds', ''));
		const tasks = ids(this.getNodeParameter('taskIds', ''));
		// One agent or task is filtered by the API (more calls fit the watched page); more, here.
		const qs: IDataObject = {};
		if (status !== 'any') qs.status = status;
		if (agents.length === 1) qs.agent_id = agents[0];
		if (tasks.length === 1) qs.task_id = tasks[0];
		const match = (call: IDataObject) =>
			(status === 'any' || call.status === status) &&
			(!agents.length || agents.includes(String(call.agent_id))) &&
			(!tasks.length || tasks.includes(String(call.task_id)));
		const source: PollSource = {
			spec: voxStackSpec,
			credentialType: VOXSTACK_CREDENTIAL,
			baseUrl: apiBaseUrl(await this.getCredentials(VOXSTACK_CREDENTIAL)),
			paging: { type: 'offset', pageParam: 'offset', sizeParam: 'limit', pageSize: VOXSTACK_PAGE_SIZE },
		};
		// Calls have no change timestamp to sort by: watch the newest page of calls for status changes.
		const event = { url: '/calls', qs, mode: 'window' as const, orderField: 'created_at', changeField: 'status', reportNew: true, match };
		return await runPoll.call(this, source, event, [status, ...agents, '|', ...tasks].join(','));
	}
}
