package io.radnet.core.optim;

import static io.radnet.core.optim.OptimizerFixtures.GRADIENTS;
import static io.radnet.core.optim.OptimizerFixtures.THETA;
import static io.radnet.core.optim.OptimizerFixtures.assertParam;
import static io.radnet.core.optim.OptimizerFixtures.param;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.network.Param;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Twelve steps of every optimizer with non-default hyperparameters (momentum with dampening,
 * Nesterov, weight decay, betas, rectification), from θ₀ = (0.5, −1, 0.25) with the gradients
 * g₁, g₂, g₃ of {@link OptimizerFixtures} applied cyclically, against the parameters that
 * PyTorch 1.13's {@code torch.optim} (float64, W of shape 1×2 and b of length 1) produced for
 * the same input. The values were printed by PyTorch; regenerate them with
 * {@code /usr/bin/python3 core/src/test/python/optimizer_reference.py} (Debian's python3-torch).
 */
class PyTorchReferenceTest {
    /** torch.optim.SGD(lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.05). */
    private static final double[][] SGD = {
            {0.4775, -0.955, 0.14875},
            {0.48210125, -0.9192024999999999, 0.011955624999999984},
            {0.47957291937499996, -0.94584833875, -0.09321311281250003},
            {0.45713934367531245, -0.9295732761006249, -0.2774455178360938},
            {0.46189199849905477, -0.9197426399737346, -0.48700617752706576},
            {0.4595908738471771, -0.9697562255796516, -0.6554192434500687},
            {0.43745170272817496, -0.9744045496098683, -0.8940416161852461},
            {0.44255791605879624, -0.983203220763819, -1.149778564374072},
            {0.4406619974340908, -1.0496976103089375, -1.3567678142043322},
            {0.41897269168340245, -1.0688189216531538, -1.626952683887647},
            {0.4245669393952077, -1.0902184167155093, -1.9077977795251357},
            {0.4231912111085539, -1.1675719793964094, -2.1339732755910124},
    };

    /** torch.optim.SGD(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.05). */
    private static final double[][] NESTEROV = {
            {0.45725, -0.9145, 0.057625},
            {0.491681125, -0.88836225, -0.11993493750000002},
            {0.48355579181249997, -0.984514083625, -0.19534018684375},
            {0.44036177698403123, -0.9266954802180625, -0.4698888866968594},
            {0.4744797278202173, -0.9252854434660597, -0.7183978029818346},
            {0.46615995415492084, -1.0433963283373109, -0.8543455485001208},
            {0.42287879706687326, -1.0049476440978298, -1.1798150268692453},
            {0.4570061269091923, -1.0204921091408852, -1.4703738696144502},
            {0.448782120148443, -1.153309717041237, -1.6402174439447088},
            {0.40567361149344977, -1.1274813363307958, -1.9921112775377319},
            {0.44004157393543614, -1.1537146147229418, -2.3022716491325954},
            {0.4321178764325577, -1.2954379424494937, -2.4855089036501328},
    };

    /** torch.optim.Adam(lr=0.1, betas=(0.8, 0.9), eps=1e-8, weight_decay=0.05). */
    private static final double[][] ADAM = {
            {0.4000000044444443, -0.9000000022222222, 0.15000000098765431},
            {0.42174999709312194, -0.8457380130948571, 0.05712952240361742},
            {0.4235107905351502, -0.881792524651135, 0.0020359665314925585},
            {0.3892324348033863, -0.873512813064757, -0.07300523352530687},
            {0.4033511020895751, -0.8709924399481651, -0.15079031531310333},
            {0.4056151734987552, -0.9073552923078532, -0.20509828880624667},
            {0.3806695570326793, -0.9105109444410447, -0.27601204651231853},
            {0.39311108806310097, -0.9162466414005483, -0.3497894116196975},
            {0.39568167573532, -0.952507551980365, -0.40321346383138573},
            {0.3740513941771109, -0.9592644998071306, -0.4723739760753811},
            {0.3859652044100824, -0.9676154922802416, -0.5442409894180327},
            {0.38875868866020497, -1.0035880256149705, -0.5966957520032397},
    };

    /** torch.optim.AdamW(lr=0.1, betas=(0.8, 0.9), eps=1e-8, weight_decay=0.05). */
    private static final double[][] ADAMW = {
            {0.39750000499999977, -0.8950000024999999, 0.14875000099999997},
            {0.42571529348790127, -0.8475944378484569, 0.05517403407798145},
            {0.43587368622030087, -0.887946613135278, 0.000238133854595049},
            {0.4088229690862628, -0.8849227078314623, -0.07464526308099112},
            {0.42984601085468327, -0.8890257632179546, -0.15209018694235713},
            {0.439983750000249, -0.9291707818779281, -0.20598976606064184},
            {0.4223907254168318, -0.9371943419860301, -0.27624159842092133},
            {0.441640372466351, -0.9486963624530901, -0.3492206142084982},
            {0.45171913980385836, -0.988543028116888, -0.4021345411904522},
            {0.4372650548144833, -0.999985863073159, -0.47034275055376173},
            {0.4558139060807824, -1.0137993341635578, -0.5411406397389339},
            {0.46582180575021764, -1.0533204849688036, -0.5930949665932357},
    };

    /** torch.optim.RAdam(lr=0.1, betas=(0.9, 0.7), eps=1e-8, weight_decay=0.05): rectified from step 10. */
    private static final double[][] RADAM = {
            {0.4775, -0.955, 0.14875},
            {0.481375, -0.9364342105263157, 0.07408223684210526},
            {0.48108694649446493, -0.9488217857836472, 0.034210544523208375},
            {0.4743675521261973, -0.9445964839876929, -0.023195128721457375},
            {0.4760356346468058, -0.9426915942393116, -0.07876405832414295},
            {0.4757726347009923, -0.955126719681586, -0.11812099543616965},
            {0.4712704682200956, -0.9565956923368284, -0.1689887819011698},
            {0.4724125446527274, -0.958722756843652, -0.21955584285842422},
            {0.47216637041696635, -0.9711471493832049, -0.2584240404216748},
            {0.4582463681302358, -0.9770864214700874, -0.31037792670893566},
            {0.46163161613478615, -0.9851534271792183, -0.371445012992245},
            {0.46064097811418425, -1.007354978331878, -0.4312721481834599},
    };

    /**
     * torch.optim.RAdam(lr=0.002, weight_decay=1e-4) with ExponentialLR(gamma=0.93) stepped after
     * every epoch of three steps: the intrinsic-parameters paper's rate 0.002·0.93^(i−1) in epoch i.
     */
    private static final double[][] RADAM_PAPER_SCHEDULE = {
            {0.4995999, -0.9991998, 0.24799995},
            {0.49972611583158943, -0.9989259158737053, 0.24652621600000527},
            {0.4997688203064215, -0.9992696274452377, 0.2457438785663395},
            {0.49968878899561214, -0.9992799341571333, 0.2446870020792728},
            {0.4997645385860493, -0.9993330987777581, 0.24366109699102034},
            {0.499769418964035, -0.9993506925232003, 0.24363243750711758},
            {0.4997636974697079, -0.9993583550450725, 0.24359221917718996},
            {0.49977433664430304, -0.9993690448158591, 0.2435431611852477},
            {0.4997820892542763, -0.9993969929464789, 0.24349763484332212},
            {0.4997773249885587, -0.9994113110485483, 0.24344289258324106},
            {0.499790264684124, -0.9994281296065685, 0.24338144103043904},
            {0.49979970333767026, -0.9994621559177523, 0.24332601358947006},
    };

    /** torch.optim.Adadelta(lr=1.0, rho=0.9, eps=1e-6, weight_decay=0.05). */
    private static final double[][] ADADELTA = {
            {0.4968380346172886, -0.9968378004178697, 0.24683773776311235},
            {0.5003712754434667, -0.9973596294190589, 0.24473304800236118},
            {0.4991288859410919, -1.0010785462581413, 0.2455988630499797},
            {0.4959426265761052, -0.9980960248098717, 0.24219223926778863},
            {0.4996527783133243, -0.9984798391973736, 0.24014610292281421},
            {0.49846482633330746, -1.002351285635179, 0.24095230398334916},
            {0.4952356425322565, -0.9993882840240224, 0.2374297334877793},
            {0.49904221713945307, -0.99975220504907, 0.2353906911904303},
            {0.4978646529545731, -1.00370435886354, 0.23618292299801166},
            {0.49459566216913725, -1.0007357343617502, 0.2325832172860607},
            {0.4984714274344884, -1.0010931238821723, 0.2305377173481719},
            {0.4972932054156321, -1.0051011265271317, 0.2313276798335422},
    };

    private static void assertTrajectory(Backend b, Optimizer optimizer, double[][] expected) {
        Param theta = param(b, THETA);
        for (int t = 0; t < expected.length; t++) {
            optimizer.step(theta, param(b, GRADIENTS[t % GRADIENTS.length]));
            assertParam(expected[t], theta, optimizer + " after step " + (t + 1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void sgdWithDampenedMomentumAndWeightDecay(String backend) {
        assertTrajectory(Backends.get(backend),
                Sgd.builder(0.1).momentum(0.9).dampening(0.1).weightDecay(0.05).build(), SGD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void sgdWithNesterovMomentumAndWeightDecay(String backend) {
        assertTrajectory(Backends.get(backend),
                Sgd.builder(0.1).momentum(0.9).nesterov(true).weightDecay(0.05).build(), NESTEROV);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void adamWithCoupledWeightDecay(String backend) {
        assertTrajectory(Backends.get(backend),
                Adam.builder().learningRate(0.1).betas(0.8, 0.9).eps(1e-8).weightDecay(0.05).build(), ADAM);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void adamWWithDecoupledWeightDecay(String backend) {
        assertTrajectory(Backends.get(backend),
                AdamW.builder().learningRate(0.1).betas(0.8, 0.9).eps(1e-8).weightDecay(0.05).build(), ADAMW);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void radamThroughTheSwitchToRectifiedSteps(String backend) {
        assertTrajectory(Backends.get(backend),
                RAdam.builder().learningRate(0.1).betas(0.9, 0.7).eps(1e-8).weightDecay(0.05).build(), RADAM);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void radamWithTheIntrinsicPapersDecayPerEpochAndWeightDecay(String backend) {
        LearningRateSchedule paper = LearningRateSchedule.perEpoch(LearningRateSchedule.exponentialDecay(0.002, 0.93), 3);
        assertTrajectory(Backends.get(backend), RAdam.builder().schedule(paper).weightDecay(1e-4).build(),
                RADAM_PAPER_SCHEDULE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void adadeltaWithWeightDecay(String backend) {
        assertTrajectory(Backends.get(backend),
                Adadelta.builder().learningRate(1.0).rho(0.9).eps(1e-6).weightDecay(0.05).build(), ADADELTA);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.radnet.core.TestBackends#names")
    void everyOptimizerGivesTheSameStepsWhenProjectedByTheIdentity(String backend) {
        Backend b = Backends.get(backend);
        UpdateProjection identity = update -> { };
        assertTrajectory(b, Sgd.builder(0.1).momentum(0.9).nesterov(true).weightDecay(0.05).projection(identity).build(),
                NESTEROV);
        assertTrajectory(b, Sgd.builder(0.1).momentum(0.9).dampening(0.1).weightDecay(0.05).projection(identity).build(),
                SGD);
        assertTrajectory(b, AdamW.builder().learningRate(0.1).betas(0.8, 0.9).weightDecay(0.05).projection(identity).build(),
                ADAMW);
    }
}
