package org.p2pkit.index;

/** The in-memory registry keeps the registry contract. */
class LocalRegistryTest extends RegistryContract {
    @Override
    protected Registry newRegistry(IndexLimits limits) {
        return new LocalRegistry(limits);
    }
}
