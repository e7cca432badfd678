import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import type { PollEvent, PollSource } from '../shared/polling';
import { recordTriggerBase, recordTriggerProperties, runPoll } from '../shared/polling';
import { CONVERSATION_STATUSES, CONVO_CREDENTIAL, CONVO_PAGE_SIZE, convoSpec } from './api';

const EVENTS = [
	{ name: 'New Lead', value: 'leadCreated', description: 'A lead was created (optionally only with a minimum score)' },
	{ name: 'New Conversation', value: 'conversationCreated', description: 'A conversation started' },
	{ name: 'Conversation Status Changed', value: 'conversationStatusChanged', description: 'One of the newest 100 conversations was closed or reopened' },
];

export class ConvoRecordTrigger implements INodeType {
	description: INodeTypeDescription = {
		...recordTriggerBase,
		subtitle: '={{$parameter["event"]}}',
		displayName: 'Convo Record Trigger',
		name: 'convoRecordTrigger',
		icon: { light: 'file:convo.svg', dark: 'file:convo.dark.svg' },
		description: 'Polls Convo for new leads, new conversations and conversation status changes',
		defaults: { name: 'Convo Record Trigger' },
		credentials: [{ name: CONVO_CREDENTIAL, required: true }],
		properties: recordTriggerProperties([
			{ displayName: 'Event', name: 'event', type: 'options', options: EVENTS, default: 'leadCreated' },
			{
				displayName: 'Minimum Score',
				name: 'minScore',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100 },
				default: 0,
				description: 'Only leads scored at least this (0: every lead, also unscored ones)',
				displayOptions: { show: { event: ['leadCreated'] } },
			},
			{
				displayName: 'To Status',
				name: 'toStatus',
				type: 'options',
				options: [{ name: 'Any', value: '' }, ...CONVERSATION_STATUSES.map((s) => ({ name: s, value: s }))],
				default: '',
				description: 'Only changes to this status',
				displayOptions: { show: { event: ['conversationStatusChanged'] } },
			},
		]),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const name = this.getNodeParameter('event') as string;
		let event: PollEvent;
		let scope = name;
		if (name === 'conversationCreated') {
			event = { url: '/conversations', qs: {}, mode: 'ordered', orderField: 'createdAt' };
		} else if (name === 'conversationStatusChanged') {
			// The list has no change order: watch the newest page for status changes.
			const toStatus = this.getNodeParameter('toStatus', '') as string;
			event = { url: '/conversations', qs: {}, mode: 'window', orderField: 'createdAt', changeField: 'status', match: (r) => !toStatus || r.status === toStatus };
		} else {
			const minScore = Number(this.getNodeParameter('minScore', 0));
			scope = `${name}|${minScore}`;
			event = { url: '/leads', qs: { sort: 'newest' }, mode: 'ordered', orderField: 'createdAt', match: (r) => minScore <= 0 || Number((r as IDataObject).score ?? -1) >= minScore };
		}
		const credentials = await this.getCredentials(CONVO_CREDENTIAL);
		const source: PollSource = {
			spec: convoSpec,
			credentialType: CONVO_CREDENTIAL,
			baseUrl: String(credentials.baseUrl).replace(/\/+$/, ''),
			paging: { type: 'offset', pageParam: 'offset', sizeParam: 'limit', pageSize: CONVO_PAGE_SIZE },
		};
		return await runPoll.call(this, source, event, scope);
	}
}
