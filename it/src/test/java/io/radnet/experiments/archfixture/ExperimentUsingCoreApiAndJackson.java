package io.radnet.experiments.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.radnet.api.Tensor;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.experiments.Summary;

/**
 * Follows every experiments rule: it computes through core and the api, writes JSON with
 * Jackson and uses another experiments class.
 */
public final class ExperimentUsingCoreApiAndJackson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param prediction F(x), one row per sample
     * @param target y, of the same shape
     * @return the MSE's summary as a JSON object
     * @throws com.fasterxml.jackson.core.JsonProcessingException never for a summary
     */
    public String loss(Tensor prediction, Tensor target) throws com.fasterxml.jackson.core.JsonProcessingException {
        double[] values = {new MeanSquaredError().value(prediction, target)};
        return JSON.writeValueAsString(Summary.of(values));
    }
}
