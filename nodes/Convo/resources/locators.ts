import { resourcePicker } from '../../shared/descriptions';

export const agentLocator = resourcePicker('agentId', 'Agent', 'searchAgents');
export const conversationLocator = resourcePicker('conversationId', 'Conversation', 'searchConversations');
