package io.radnet.it.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.importer.Location;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shows which class files {@link ProductionClasses} lets the architecture rules see. */
class ProductionClassesTest {
    @ParameterizedTest(name = "{0}: imported = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            a class in a module jar            | jar:file:/r/api/target/radnet-api-0.1.0-SNAPSHOT.jar!/io/radnet/api/Tensor.class                 | true
            a class in a module's classes dir  | file:/r/backend-ejml/target/classes/io/radnet/backend/ejml/EjmlTensor.class                      | true
            a class in the CLI's program jar   | jar:file:/r/cli/target/radnet-cli.jar!/io/radnet/cli/RadnetCommand.class                         | true
            a class in the experiments jar     | jar:file:/r/experiments/target/radnet-experiments-0.1.0-SNAPSHOT.jar!/io/radnet/experiments/RadialExperiment1.class | true
            a test class of a module           | file:/r/it/target/test-classes/io/radnet/it/archfixture/UnlistedBackendProvider.class            | false
            a class in a test-jar              | jar:file:/r/api/target/radnet-api-0.1.0-SNAPSHOT-tests.jar!/io/radnet/api/BackendContract.class  | false
            a test-jar from the local repo     | jar:file:/m2/io/radnet/radnet-api/0.1.0/radnet-api-0.1.0-tests.jar!/io/radnet/api/QrContract.class | false
            a test class compiled by IntelliJ  | file:/r/out/test/it/io/radnet/it/architecture/ArchitectureTest.class                             | false
            a class of a third-party library   | jar:file:/m2/org/ejml/ejml-ddense-0.44.0.jar!/org/ejml/dense/row/CommonOps_DDRM.class            | false
            """)
    void importsOnlyRadnetProductionClasses(String what, String location, boolean imported) {
        assertEquals(imported, new ProductionClasses().includes(Location.of(URI.create(location))), what);
    }
}
