package io.radnet.core.cnn;

import io.radnet.api.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named group of consecutive layers of a {@link SequentialNetwork} (the intrinsic-parameters
 * paper's "blocks", the unit that is trained or frozen together).
 *
 * @param name the block's name, unique in its network, not empty
 * @param layers its layers in order, at least one; copied
 */
public record Block(String name, List<Layer> layers) {
    /**
     * @throws IllegalArgumentException if the name is empty or there is no layer
     */
    public Block {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a block needs a non-empty name");
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("block '" + name + "' has no layers");
        }
    }

    /** @return the block's trainable tensors, layer by layer in state-dict order; live */
    public List<Tensor> parameters() {
        List<Tensor> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        return List.copyOf(all);
    }

    /** @return the number of trainable scalars of the block's layers (weights, biases, batch-norm γ and β) */
    public int parameterCount() {
        int count = 0;
        for (Layer layer : layers) {
            count += layer.parameterCount();
        }
        return count;
    }
}
