package dev.tasquencer.api.context;

/** Base context of actions: the boundary callbacks for authorization and domain writes. */
public interface ActionContext extends CallContext {}
