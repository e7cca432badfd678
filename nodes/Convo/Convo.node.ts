import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { declarativeRequestDefaults } from '../shared/descriptions';

import { CONVO_CREDENTIAL } from './api';
import { searchAgents, searchChannels, searchConversations, searchLeads } from './listSearch';
import { agentFields, agentOperations } from './resources/agent';
import { channelFields, channelOperations } from './resources/channel';
import { conversationFields, conversationOperations } from './resources/conversation';
import { knowledgeFields, knowledgeOperations } from './resources/knowledge';
import { leadFields, leadOperations } from './resources/lead';
import { webhookFields, webhookOperations } from './resources/webhook';

export class Convo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Convo',
		name: 'convo',
		icon: { light: 'file:convo.svg', dark: 'file:convo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with leads, conversations, agents and knowledge in Convo by Avelto',
		defaults: { name: 'Convo' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CONVO_CREDENTIAL, required: true }],
		requestDefaults: declarativeRequestDefaults,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Agent', value: 'agent' },
					{ name: 'Channel', value: 'channel' },
					{ name: 'Conversation', value: 'conversation' },
					{ name: 'Knowledge', value: 'knowledge' },
					{ name: 'Lead', value: 'lead' },
					{ name: 'Webhook', value: 'webhook' },
				],
				default: 'lead',
			},
			agentOperations,
			channelOperations,
			conversationOperations,
			knowledgeOperations,
			leadOperations,
			webhookOperations,
			...agentFields,
			...channelFields,
			...conversationFields,
			...knowledgeFields,
			...leadFields,
			...webhookFields,
		],
	};

	methods = { listSearch: { searchAgents, searchChannels, searchConversations, searchLeads } };
}
