import type { INodeType, INodeTypeDescription, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { VOXSTACK_CREDENTIAL } from './api';
import { getAgents, getTasks } from './listSearch';
import { connectWith, watchOngoingCalls } from './liveTranscript';

export class VoxStackLiveTranscriptTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VoxStack Live Transcript Trigger',
		name: 'voxStackLiveTranscriptTrigger',
		icon: { light: 'file:voxstack.svg', dark: 'file:voxstack.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["match"] === "all" ? "every update" : $parameter["match"] === "keywords" ? "keywords: " + $parameter["keywords"] : "matching " + $parameter["pattern"]}}',
		description: 'Starts the workflow for what is said on ongoing VoxStack calls, as it is said (needs n8n 2.x)',
		defaults: { name: 'VoxStack Live Transcript Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: VOXSTACK_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Follows every call in progress on its live transcript stream and starts one execution per transcript update. Needs n8n 2.x (Node.js 22 or newer).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Agent Names or IDs',
				name: 'agentIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getAgents' },
				default: [],
				description: 'Only calls of these agents (all calls when empty). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Task Names or IDs',
				name: 'taskIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTasks' },
				default: [],
				description: 'Only calls of these tasks (all calls when empty). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Caller Only',
				name: 'callerOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to start only for what the caller says, not the agent',
			},
			{
				displayName: 'Match',
				name: 'match',
				type: 'options',
				options: [
					{ name: 'Every Update', value: 'all' },
					{ name: 'Keywords', value: 'keywords', description: 'Text contains any of the keywords (case-insensitive)' },
					{ name: 'Regular Expression', value: 'regex', description: 'Text matches the expression (case-insensitive)' },
				],
				default: 'all',
			},
			{
				displayName: 'Keywords',
				name: 'keywords',
				type: 'string',
				default: '',
				placeholder: 'cancel, terminate, complaint',
				description: 'Comma-separated; an update matches when its text contains any of them',
				displayOptions: { show: { match: ['keywords'] } },
			},
			{
				displayName: 'Regular Expression',
				name: 'pattern',
				type: 'string',
				default: '',
				placeholder: '\\bcancel(l?ing)?\\b.*\\b(contract|subscription)\\b',
				displayOptions: { show: { match: ['regex'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					connectWith,
					{
						displayName: 'Poll Interval (Seconds)',
						name: 'pollInterval',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 5,
						description: 'How often to look for calls that have started',
					},
				],
			},
		],
	};

	methods = { loadOptions: { getAgents, getTasks } };

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await watchOngoingCalls.call(this);
	}
}
