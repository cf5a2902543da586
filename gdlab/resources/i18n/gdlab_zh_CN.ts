<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Step {k} → {k1} · {optimizer}</source>
        <extracomment>every sentence the inspector shows, in one place (templates with named fields: the window translates them, then fills them in)</extracomment>
        <translation>第 {k} 步 → 第 {k1} 步 · {optimizer}</translation>
    </message>
    <message>
        <source>learning rate lr = {lr}</source>
        <translation>学习率 lr = {lr}</translation>
    </message>
    <message>
        <source>learning rate lr{k} = {lr} (scheduled: base rate {base})</source>
        <translation>学习率 lr{k} = {lr}（按调度：基础学习率 {base}）</translation>
    </message>
    <message>
        <source>first step: the buffer starts as the gradient</source>
        <translation>第一步：缓冲量从梯度开始</translation>
    </message>
    <message>
        <source>first step: η starts as lr</source>
        <translation>第一步：η 从 lr 开始</translation>
    </message>
    <message>
        <source>ρ ≤ 5: the adaptive rate is not yet tractable, a plain momentum step</source>
        <translation>ρ ≤ 5：自适应学习率尚不可用，这一步是普通的动量步</translation>
    </message>
    <message>
        <source>{pairs} of the last {m} (Δθ, Δg) pairs make H, the inverse Hessian&apos;s estimate</source>
        <translation>最近 {m} 对 (Δθ, Δg) 中的 {pairs} 对构成 H，即海森矩阵之逆的估计</translation>
    </message>
    <message>
        <source>the step length the strong Wolfe line search accepted</source>
        <translation>强 Wolfe 线搜索接受的步长</translation>
    </message>
    <message>
        <source>no move: the gradient or the change fell below L-BFGS&apos;s tolerance</source>
        <translation>没有移动：梯度或变化量低于 L-BFGS 的容差</translation>
    </message>
    <message>
        <source>maximize: the gradient is negated</source>
        <translation>最大化：梯度取负</translation>
    </message>
    <message>
        <source>this method&apos;s own equations are not written out yet: the step as taken</source>
        <translation>这个方法自己的公式还没有写出：这里给出实际走的一步</translation>
    </message>
    <message>
        <source>The run diverged at this step: there is no next update.</source>
        <translation>运行在这一步发散了：没有下一次更新。</translation>
    </message>
    <message>
        <source>numerical gradient, central difference with h = {h}</source>
        <translation>数值梯度，中心差分，h = {h}</translation>
    </message>
    <message>
        <source>gradient by backpropagation through the computation graph</source>
        <translation>梯度由计算图上的误差反向传播求得</translation>
    </message>
    <message>
        <source>gradient noise ξ ~ N(0, {sigma}²) added (seed {seed})</source>
        <translation>加入梯度噪声 ξ ~ N(0, {sigma}²)（种子 {seed}）</translation>
    </message>
    <message>
        <source>{name}  {shape}:  ‖θ‖ = {theta}   ‖g‖ = {grad}   ‖Δθ‖ = {step}</source>
        <translation>{name}  {shape}：  ‖θ‖ = {theta}   ‖g‖ = {grad}   ‖Δθ‖ = {step}</translation>
    </message>
    <message>
        <source>array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>per array (norms): the update rule applies to every element</source>
        <translation>按数组（范数）：更新规则作用于每个元素</translation>
    </message>
    <message>
        <source>‖Δθ‖ = {step}   (‖−lr·g‖ = {plain})</source>
        <translation>‖Δθ‖ = {step}   （‖−lr·g‖ = {plain}）</translation>
    </message>
    <message>
        <source>‖Δθ‖ = {step}</source>
        <translation>‖Δθ‖ = {step}</translation>
    </message>
    <message>
        <source>the Hessian: the second derivatives at θ</source>
        <translation>Hessian 矩阵：θ 处的二阶导数</translation>
    </message>
    <message>
        <source>the inverse of a 2×2 matrix [[a, b], [b, c]]: swap a and c, negate b, divide by the determinant a·c − b²</source>
        <translation>2×2 矩阵 [[a, b], [b, c]] 的逆：交换 a 与 c，b 取负，再除以行列式 a·c − b²</translation>
    </message>
    <message>
        <source>B⁻¹ is BFGS&apos;s estimate of the inverse Hessian H⁻¹, built from the steps so far; it starts as the identity I</source>
        <translation>B⁻¹ 是 BFGS 对 Hessian 逆矩阵 H⁻¹ 的估计，由此前各步构建；初始为单位矩阵 I</translation>
    </message>
    <message>
        <source>B⁻¹g is not a descent direction: B⁻¹ restarts as I</source>
        <translation>B⁻¹g 不是下降方向：B⁻¹ 重置为 I</translation>
    </message>
    <message>
        <source>first pair: I is scaled by sᵀy / yᵀy (Nocedal &amp; Wright 6.20)</source>
        <translation>第一对 (s, y)：I 乘以 sᵀy / yᵀy（Nocedal &amp; Wright 6.20）</translation>
    </message>
    <message>
        <source>the new estimate: curvature along s matches y (B⁻¹y = s)</source>
        <translation>新的估计：沿 s 的曲率与 y 吻合（B⁻¹y = s）</translation>
    </message>
    <message>
        <source>sᵀy ≤ 0 (no positive curvature along the step): B⁻¹ is kept</source>
        <translation>sᵀy ≤ 0（沿这一步没有正曲率）：B⁻¹ 保持不变</translation>
    </message>
    <message>
        <source>first step: d = −g (steepest descent)</source>
        <translation>第一步：d = −g（最速下降）</translation>
    </message>
    <message>
        <source>every {n} steps conjugate gradients restart: d = −g</source>
        <translation>共轭梯度法每 {n} 步重启：d = −g</translation>
    </message>
    <message>
        <source>−g + β·d′ is not a descent direction: restart with d = −g</source>
        <translation>−g + β·d′ 不是下降方向：以 d = −g 重启</translation>
    </message>
    <message>
        <source>the first trial step: the last step&apos;s first-order decrease again</source>
        <translation>第一个试探步长：重复上一步的一阶下降量</translation>
    </message>
    <message>
        <source>backtracking: α = lr, ρ·lr, ρ²·lr, … (ρ = {rho}) until f(θ − α·g) ≤ f(θ) − c·α·‖g‖² (c = {c})</source>
        <translation>回溯：α = lr, ρ·lr, ρ²·lr, …（ρ = {rho}），直到 f(θ − α·g) ≤ f(θ) − c·α·‖g‖²（c = {c}）</translation>
    </message>
    <message>
        <source>strong Wolfe line search along d from α = {alpha}: φ(α) = f(θ + α·d) needs φ(α) ≤ φ(0) + c₁·α·φ′(0) (sufficient decrease, c₁ = {c1}) and |φ′(α)| ≤ c₂·|φ′(0)| (curvature, c₂ = {c2}), φ′(α) = ∇f(θ + α·d)ᵀd</source>
        <translation>沿 d 的强 Wolfe 线搜索，从 α = {alpha} 开始：φ(α) = f(θ + α·d) 需满足 φ(α) ≤ φ(0) + c₁·α·φ′(0)（充分下降，c₁ = {c1}）和 |φ′(α)| ≤ c₂·|φ′(0)|（曲率条件，c₂ = {c2}），其中 φ′(α) = ∇f(θ + α·d)ᵀd</translation>
    </message>
    <message>
        <source>&gt; {bound} = {numbers} = {value}: not enough decrease</source>
        <translation>&gt; {bound} = {numbers} = {value}：下降不够</translation>
    </message>
    <message>
        <source>≤ {bound} = {numbers} = {value}: sufficient decrease, accepted</source>
        <translation>≤ {bound} = {numbers} = {value}：充分下降，接受</translation>
    </message>
    <message>
        <source>≤ {bound} = {numbers} = {value}, and |φ′(α)| = {slope} ≤ c₂·|φ′(0)| = {limit}: both conditions hold</source>
        <translation>≤ {bound} = {numbers} = {value}，且 |φ′(α)| = {slope} ≤ c₂·|φ′(0)| = {limit}：两个条件都满足</translation>
    </message>
    <message>
        <source>≤ {bound} = {numbers} = {value}, but |φ′(α)| = {slope} &gt; c₂·|φ′(0)| = {limit}: the curvature condition fails</source>
        <translation>≤ {bound} = {numbers} = {value}，但 |φ′(α)| = {slope} &gt; c₂·|φ′(0)| = {limit}：曲率条件不满足</translation>
    </message>
    <message>
        <source>the accepted step: the best trial with sufficient decrease</source>
        <translation>接受的步长：满足充分下降的最佳试探点</translation>
    </message>
    <message>
        <source>no trial decreased f enough in {n} evaluations: no step</source>
        <translation>{n} 次求值中没有试探点使 f 下降足够：不移动</translation>
    </message>
    <message>
        <source>g = 0 here: θ is a stationary point (a minimum, a maximum or a saddle), {name} takes no step</source>
        <translation>此处梯度 g = 0：θ 是驻点（最小值、最大值或鞍点），{name} 不移动</translation>
    </message>
    <message>
        <source>{H} has a negative eigenvalue here (λ = {lo:.3g}): Newton heads for a saddle or a maximum</source>
        <translation>{H} 在这里有负特征值（λ = {lo:.3g}）：牛顿法会走向鞍点或最大值</translation>
    </message>
    <message>
        <source>{H} is singular here (eigenvalues {lo:.3g}, {hi:.3g}): the Newton step is undefined; this step is a gradient step lr·g</source>
        <translation>{H} 在这里是奇异的（特征值 {lo:.3g}，{hi:.3g}）：牛顿步没有定义；这一步改为梯度步 lr·g</translation>
    </message>
    <message>
        <source>θ ← θ − α·g,  α = lr·ρᵏ, the first with f(θ − αg) ≤ f(θ) − c·α·‖g‖²</source>
        <translation>θ ← θ − α·g，α = lr·ρᵏ，取第一个满足 f(θ − αg) ≤ f(θ) − c·α·‖g‖² 的</translation>
    </message>
    <message>
        <source>no step in {n} trials decreased f enough: staying</source>
        <translation>{n} 次试探中没有一步让 f 充分下降：停在原地</translation>
    </message>
    <message>
        <source>B⁻¹g is not a descent direction: BFGS restarts from steepest descent</source>
        <translation>B⁻¹g 不是下降方向：BFGS 从最速下降重新开始</translation>
    </message>
    <message>
        <source>the line search found no step in {n} evaluations: BFGS restarts from steepest descent</source>
        <translation>线搜索在 {n} 次求值中没有找到步长：BFGS 从最速下降重新开始</translation>
    </message>
    <message>
        <source>Conjugate gradient (PR+)</source>
        <translation>共轭梯度法（PR+）</translation>
    </message>
    <message>
        <source>the line search found no step in {n} evaluations: CG restarts from steepest descent</source>
        <translation>线搜索在 {n} 次求值中没有找到步长：共轭梯度法从最速下降重新开始</translation>
    </message>
    <message>
        <source>the loss fell without bound: the function has no minimum that way, and a smaller learning rate would only slow the fall; start elsewhere to reach a minimum</source>
        <translation>损失无下界地下降：函数在这个方向上没有最小值，更小的学习率只会让下降变慢；换一个起点才能到达最小值</translation>
    </message>
    <message>
        <source>the problem&apos;s suggested rate for this optimizer (a rate of 0 never moves θ)</source>
        <translation>该问题为这个优化器建议的学习率（学习率为 0 时 θ 永远不会移动）</translation>
    </message>
    <message>
        <source>the problem&apos;s suggested rate (a {n}-step trial of this model was too short to tell)</source>
        <translation>该问题的建议学习率（对这个模型的 {n} 步试验太短，无法判断）</translation>
    </message>
    <message>
        <source>none of {count} smaller learning rates (down to {lowest:g}) made progress in {n} steps: try another optimizer, or another seed for the weights</source>
        <translation>{count} 个更小的学习率（最小到 {lowest:g}）在 {n} 步内都没有进展：试试别的优化器，或换一个权重的随机种子</translation>
    </message>
    <message>
        <source>none of {count} smaller learning rates (down to {lowest:g}) made progress in {n} steps: try another start point or optimizer</source>
        <translation>{count} 个更小的学习率（最小到 {lowest:g}）在 {n} 步内都没有进展：请换一个起点或优化器</translation>
    </message>
    <message>
        <source>the best of {count} smaller rates in a {n}-step trial (loss {first:.4g} → {best:.4g}); gradient descent is stable below 2/λmax = {edge:.3g} at the start</source>
        <translation>在 {n} 步试验中 {count} 个更小学习率里最好的一个（损失 {first:.4g} → {best:.4g}）；在起点处，梯度下降法在 2/λmax = {edge:.3g} 以下是稳定的</translation>
    </message>
    <message>
        <source>the best of {count} smaller rates in a {n}-step trial (loss {first:.4g} → {best:.4g})</source>
        <translation>在 {n} 步试验中 {count} 个更小学习率里最好的一个（损失 {first:.4g} → {best:.4g}）</translation>
    </message>
    <message>
        <source>the learning rate is 0: no update moves θ (lr·g = 0 whatever the gradient)</source>
        <translation>学习率为 0：任何一次更新都不会移动 θ（无论梯度是多少，lr·g = 0）</translation>
    </message>
    <message>
        <source>after {n} steps the loss ({last:.6g}) is not below the start&apos;s ({first:.6g})</source>
        <translation>{n} 步之后损失（{last:.6g}）没有低于起点的损失（{first:.6g}）</translation>
    </message>
    <message>
        <source>no progress: {detail}</source>
        <translation>没有进展：{detail}</translation>
    </message>
    <message>
        <source>after {n} steps the loss ({last:.6g}) is not below the start&apos;s ({first:.6g}); the path jumps back and forth (a period-2 cycle): the learning rate is at or past the edge of stability</source>
        <translation>{n} 步之后损失（{last:.6g}）没有低于起点的损失（{first:.6g}）；路径来回跳动（周期为 2 的循环）：学习率已到达或超过稳定的边界</translation>
    </message>
    <message>
        <source>after {n} steps the loss ({last:.6g}) is not below the start&apos;s ({first:.6g}); the path jumps back and forth, farther at every step: the learning rate is past the edge of stability</source>
        <translation>{n} 步之后损失（{last:.6g}）没有低于起点的损失（{first:.6g}）；路径来回跳动，而且一步比一步跳得远：学习率已超过稳定的边界</translation>
    </message>
    <message>
        <source>loss J</source>
        <extracomment>(ny, nx) where the function is undefined (a domain error), or None: nowhere the models&apos; math with each mean taken over the last axis (the data): a loss expression given k parameter points at once, each leaf (k, 1), gives the k losses (k,)</extracomment>
        <translation>损失 J</translation>
    </message>
    <message>
        <source>{n} parameters projected on the path&apos;s two principal directions ({first:.0%} and {second:.0%} of its variance); (0, 0) is the current point</source>
        <translation>{n} 个参数投影到路径的两个主方向上（分别占方差的 {first:.0%} 和 {second:.0%}）；(0, 0) 是当前点</translation>
    </message>
    <message>
        <source>direction 1</source>
        <translation>方向 1</translation>
    </message>
    <message>
        <source>direction 2</source>
        <translation>方向 2</translation>
    </message>
    <message>
        <source>{n} parameters: the path so far is a straight line, so there is no second direction yet; the vertical axis is an arbitrary perpendicular. (0, 0) is the current point</source>
        <translation>{n} 个参数：到目前为止路径是一条直线，还没有第二个方向；纵轴是任取的一个垂直方向。(0, 0) 是当前点</translation>
    </message>
    <message>
        <source>perpendicular (no second direction yet)</source>
        <translation>垂直方向（还没有第二个方向）</translation>
    </message>
    <message>
        <source>{name} must be on or off (true or false), got {value!r}</source>
        <translation>{name} 必须是开或关（true 或 false），实际是 {value!r}</translation>
    </message>
    <message>
        <source>invalid {name} {value!r}: choose one of {choices}</source>
        <translation>无效的 {name} {value!r}：请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>{name} must be a number, got {value!r}</source>
        <translation>{name} 必须是数，实际是 {value!r}</translation>
    </message>
    <message>
        <source>invalid {name} {value!r}: {label} must be a whole number in {range}</source>
        <translation>无效的 {name} {value!r}：必须是 {range} 中的整数</translation>
    </message>
    <message>
        <source>invalid {name} {value!r}: {label} must be in {range}</source>
        <translation>无效的 {name} {value!r}：必须在 {range} 中</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>step size: how far each update moves against the gradient</source>
        <translation>步长：每次更新沿梯度的反方向移动多远</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>fraction of the previous velocity kept at each step</source>
        <translation>每一步保留上一步速度的比例</translation>
    </message>
    <message>
        <source>Beta 1</source>
        <translation>β₁</translation>
    </message>
    <message>
        <source>decay rate of the running mean of gradients</source>
        <translation>梯度滑动平均的衰减率</translation>
    </message>
    <message>
        <source>Beta 2</source>
        <translation>β₂</translation>
    </message>
    <message>
        <source>decay rate of the running mean of squared gradients</source>
        <translation>梯度平方滑动平均的衰减率</translation>
    </message>
    <message>
        <source>Epsilon</source>
        <translation>ε</translation>
    </message>
    <message>
        <source>added to the denominator for numerical stability</source>
        <translation>加在分母上以保证数值稳定</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>α</translation>
    </message>
    <message>
        <source>smoothing constant of the running mean of squared gradients</source>
        <translation>梯度平方滑动平均的平滑常数</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>L2 penalty (decoupled from the gradient for AdamW)</source>
        <translation>L2 惩罚（AdamW 中与梯度解耦）</translation>
    </message>
    <message>
        <source>divide by the largest v so far instead of v (Reddi et al. 2018)</source>
        <translation>除以迄今最大的 v，而不是 v（Reddi 等，2018）</translation>
    </message>
    <message>
        <source>Maximize</source>
        <translation>最大化</translation>
    </message>
    <message>
        <source>climb: step up the gradient instead of down (torch&apos;s maximize)</source>
        <translation>向上爬：沿梯度方向而不是反方向走（与 torch 的同名选项相同）</translation>
    </message>
    <message>
        <source>Decoupled decay</source>
        <translation>解耦衰减</translation>
    </message>
    <message>
        <source>weight decay as AdamW&apos;s, θ ← θ(1 − lr·wd), instead of added to the gradient</source>
        <translation>按 AdamW 的方式做权重衰减，θ ← θ(1 − lr·wd)，而不是加到梯度上</translation>
    </message>
    <message>
        <source>Momentum decay</source>
        <translation>动量衰减</translation>
    </message>
    <message>
        <source>NAdam&apos;s ψ: the momentum schedule μₜ = β₁(1 − ½·0.96^(t·ψ))</source>
        <translation>NAdam 的 ψ：动量调度 μₜ = β₁(1 − ½·0.96^(t·ψ))</translation>
    </message>
    <message>
        <source>Rho</source>
        <translation>ρ</translation>
    </message>
    <message>
        <source>Adadelta&apos;s decay rate of the running means of g² and of Δθ²</source>
        <translation>Adadelta 中 g² 与 Δθ² 滑动平均的衰减率</translation>
    </message>
    <message>
        <source>Eta −</source>
        <translation>η−</translation>
    </message>
    <message>
        <source>Rprop: a coordinate&apos;s step is multiplied by this when its gradient changes sign</source>
        <translation>Rprop：某个坐标的梯度变号时，它的步长乘以这个数</translation>
    </message>
    <message>
        <source>Eta +</source>
        <translation>η+</translation>
    </message>
    <message>
        <source>Rprop: a coordinate&apos;s step is multiplied by this when its gradient keeps its sign</source>
        <translation>Rprop：某个坐标的梯度保持符号时，它的步长乘以这个数</translation>
    </message>
    <message>
        <source>Min step</source>
        <translation>最小步长</translation>
    </message>
    <message>
        <source>Rprop: the smallest step size</source>
        <translation>Rprop：最小的步长</translation>
    </message>
    <message>
        <source>Max step</source>
        <translation>最大步长</translation>
    </message>
    <message>
        <source>Rprop: the largest step size</source>
        <translation>Rprop：最大的步长</translation>
    </message>
    <message>
        <source>Lambda</source>
        <translation>λ</translation>
    </message>
    <message>
        <source>ASGD&apos;s decay: θ ← θ(1 − λη) − ηg, η = lr / (1 + λ·lr·t)^α</source>
        <translation>ASGD 的衰减：θ ← θ(1 − λη) − ηg，η = lr / (1 + λ·lr·t)^α</translation>
    </message>
    <message>
        <source>Alpha (η power)</source>
        <translation>α（η 的幂）</translation>
    </message>
    <message>
        <source>ASGD&apos;s power in η = lr / (1 + λ·lr·t)^α</source>
        <translation>ASGD 在 η = lr / (1 + λ·lr·t)^α 中的幂</translation>
    </message>
    <message>
        <source>History size</source>
        <translation>历史长度</translation>
    </message>
    <message>
        <source>L-BFGS: how many past (s, y) pairs shape the inverse-Hessian estimate</source>
        <translation>L-BFGS：用多少对过去的 (s, y) 来估计海森矩阵的逆</translation>
    </message>
    <message>
        <source>Tolerance (grad)</source>
        <translation>容差（梯度）</translation>
    </message>
    <message>
        <source>L-BFGS: no step where max|g| ≤ this (torch&apos;s first-order optimality test)</source>
        <translation>L-BFGS：max|g| ≤ 此值时不走（torch 的一阶最优性检验）</translation>
    </message>
    <message>
        <source>Tolerance (change)</source>
        <translation>容差（变化）</translation>
    </message>
    <message>
        <source>L-BFGS: no step where the direction&apos;s slope g·d &gt; −this</source>
        <translation>L-BFGS：方向上的斜率 g·d &gt; −此值时不走</translation>
    </message>
    <message>
        <source>Line search</source>
        <translation>线搜索</translation>
    </message>
    <message>
        <source>L-BFGS: none (a fixed step lr·d) or strong_wolfe (torch&apos;s line search, ≤ 24 evaluations)</source>
        <translation>L-BFGS：none（固定步长 lr·d）或 strong_wolfe（torch 的线搜索，最多 24 次求值）</translation>
    </message>
    <message>
        <source>LR decay</source>
        <translation>学习率衰减</translation>
    </message>
    <message>
        <source>AdaGrad&apos;s learning-rate decay: lr / (1 + (t-1)·lr_decay)</source>
        <translation>AdaGrad 的学习率衰减：lr / (1 + (t-1)·lr_decay)</translation>
    </message>
    <message>
        <source>Damping λ</source>
        <translation>阻尼 λ</translation>
    </message>
    <message>
        <source>Levenberg–Marquardt damping: Newton solves (H + λI)·d = g</source>
        <translation>Levenberg–Marquardt 阻尼：牛顿法求解 (H + λI)·d = g</translation>
    </message>
    <message>
        <source>Armijo c</source>
        <translation>Armijo c</translation>
    </message>
    <message>
        <source>sufficient decrease: accept α when f(θ − αg) ≤ f(θ) − c·α·‖g‖²</source>
        <translation>充分下降：当 f(θ − αg) ≤ f(θ) − c·α·‖g‖² 时接受 α</translation>
    </message>
    <message>
        <source>Backtracking ρ</source>
        <translation>回溯 ρ</translation>
    </message>
    <message>
        <source>backtracking factor: the next trial step is ρ·α</source>
        <translation>回溯因子：下一次试探的步长是 ρ·α</translation>
    </message>
    <message>
        <source>Wolfe c₁</source>
        <translation>Wolfe c₁</translation>
    </message>
    <message>
        <source>the Wolfe line search&apos;s sufficient-decrease constant</source>
        <translation>Wolfe 线搜索的充分下降常数</translation>
    </message>
    <message>
        <source>Wolfe c₂</source>
        <translation>Wolfe c₂</translation>
    </message>
    <message>
        <source>the Wolfe line search&apos;s curvature constant (c₁ &lt; c₂ &lt; 1)</source>
        <translation>Wolfe 线搜索的曲率常数（c₁ &lt; c₂ &lt; 1）</translation>
    </message>
    <message>
        <source>invalid steps {value!r}: the step budget must be a whole number from {low} to {high:,}</source>
        <extracomment>Run settings that are not an optimizer&apos;s own (shared by CLI and window).</extracomment>
        <translation>无效的步数 {value!r}：步数预算必须是 {low} 到 {high:,} 之间的整数</translation>
    </message>
    <message>
        <source>Difference step h</source>
        <translation>差分步长 h</translation>
    </message>
    <message>
        <source>the central-difference step of the numerical gradient and the gradient check</source>
        <translation>数值梯度与梯度检验所用的中心差分步长</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>容差</translation>
    </message>
    <message>
        <source>stop as converged when the gradient norm is ≤ this (0: off)</source>
        <translation>梯度范数 ≤ 此值时视为收敛并停止（0：关闭）</translation>
    </message>
    <message>
        <source>d = −H·g, H from the last m (Δθ, Δg) ;  θ ← θ + t·d, t = lr or a line search</source>
        <extracomment>torch&apos;s ``x.add_(y, alpha=a)`` is x + a·y fused (one rounding); so is every axpy here, or the iterates would part from torch&apos;s by rounding, which Rosenbrock&apos;s valley amplifies</extracomment>
        <translation>d = −H·g，H 来自最近 m 对 (Δθ, Δg) ；θ ← θ + t·d，t = lr 或由线搜索决定</translation>
    </message>
    <message>
        <source>max|g| = {g:.3g} ≤ tolerance_grad {tol:.3g}: L-BFGS takes no step here</source>
        <translation>max|g| = {g:.3g} ≤ tolerance_grad {tol:.3g}：L-BFGS 在这里不走</translation>
    </message>
    <message>
        <source>y·s = {ys:.3g} ≤ 1e-10 (no positive curvature along the last step): its pair (s, y) is not kept</source>
        <translation>y·s = {ys:.3g} ≤ 1e-10（沿上一步没有正曲率）：不保留这一对 (s, y)</translation>
    </message>
    <message>
        <source>g·d = {gd:.3g} &gt; −tolerance_change ({tol:.3g}): too little descent along d, L-BFGS takes no step here</source>
        <translation>g·d = {gd:.3g} &gt; −tolerance_change（{tol:.3g}）：沿 d 下降太少，L-BFGS 在这里不走</translation>
    </message>
    <message>
        <source>θ ← θ·(1 − lr·wd), then Adam</source>
        <translation>θ ← θ·(1 − lr·wd)，然后同 Adam</translation>
    </message>
    <message>
        <source>First-order</source>
        <extracomment>the groups in the order gdlab lists them (``Optimizer.group``) each group&apos;s heading in the window&apos;s optimizer list</extracomment>
        <translation>一阶方法</translation>
    </message>
    <message>
        <source>Adaptive</source>
        <translation>自适应方法</translation>
    </message>
    <message>
        <source>Quasi-Newton / second-order</source>
        <translation>拟牛顿法 / 二阶方法</translation>
    </message>
    <message>
        <source>unknown optimizer {name!r}; choose one of: {choices}</source>
        <translation>未知的优化器 {name!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>Step size</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>steps between two drops of the rate by γ</source>
        <translation>学习率两次乘以 γ 下降之间的步数</translation>
    </message>
    <message>
        <source>the factor that multiplies the rate (at each drop, or each step)</source>
        <translation>乘到学习率上的因子（每次下降时，或每一步）</translation>
    </message>
    <message>
        <source>steps of the cosine&apos;s half period (0: to the end of the step budget)</source>
        <translation>余弦半周期的步数（0：到步数预算结束）</translation>
    </message>
    <message>
        <source>the cosine&apos;s lowest rate</source>
        <translation>余弦调度的最低学习率</translation>
    </message>
    <message>
        <source>Warm-up steps</source>
        <translation>预热步数</translation>
    </message>
    <message>
        <source>steps of linear warm-up, lr·(k+1)/(warmup+1), before the cosine</source>
        <translation>余弦之前线性预热的步数，lr·(k+1)/(warmup+1)</translation>
    </message>
    <message>
        <source>Max lr</source>
        <translation>最大学习率</translation>
    </message>
    <message>
        <source>onecycle&apos;s peak rate (0: the learning rate)</source>
        <translation>onecycle 的峰值学习率（0：即学习率）</translation>
    </message>
    <message>
        <source>the fraction of the step budget spent raising the rate</source>
        <translation>步数预算中用于提高学习率的比例</translation>
    </message>
    <message>
        <source>Decay steps</source>
        <translation>衰减步数</translation>
    </message>
    <message>
        <source>T in lr/(1 + k/T): the rate is halved after T steps</source>
        <translation>lr/(1 + k/T) 中的 T：T 步之后学习率减半</translation>
    </message>
    <message>
        <source>Constant</source>
        <extracomment>one spec per parameter name (the CLI&apos;s flags); each schedule lists the ones it takes</extracomment>
        <translation>常数</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>阶梯</translation>
    </message>
    <message>
        <source>Exponential</source>
        <translation>指数</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>Warm-up, then cosine</source>
        <translation>先预热，再余弦</translation>
    </message>
    <message>
        <source>lr_k = lr·(k+1)/(w+1) for k &lt; w, then cosine over T_max</source>
        <translation>k &lt; w 时 lr_k = lr·(k+1)/(w+1)，之后在 T_max 上做余弦</translation>
    </message>
    <message>
        <source>One cycle</source>
        <translation>单周期</translation>
    </message>
    <message>
        <source>lr_k rises from max_lr/25 to max_lr over pct_start of the budget, then falls to max_lr/2.5e5 (cosine)</source>
        <translation>lr_k 在预算的 pct_start 内从 max_lr/25 升到 max_lr，再（按余弦）降到 max_lr/2.5e5</translation>
    </message>
    <message>
        <source>Inverse time</source>
        <translation>反比时间</translation>
    </message>
    <message>
        <source>unknown schedule {name!r}; choose one of: {choices}</source>
        <translation>未知的学习率调度 {name!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>the {name} schedule does not take {flags}: it takes {takes}; {flags} belongs to --schedule {users}</source>
        <translation>{name} 调度不接受 {flags}：它接受 {takes}；{flags} 属于 --schedule {users}</translation>
    </message>
    <message>
        <source>the {name} schedule does not take {flags}: it takes {takes}</source>
        <translation>{name} 调度不接受 {flags}：它接受 {takes}</translation>
    </message>
    <message>
        <source>the {name} schedule does not take {flags}: it has no parameters; {flags} belongs to --schedule {users}</source>
        <translation>{name} 调度不接受 {flags}：它没有参数；{flags} 属于 --schedule {users}</translation>
    </message>
    <message>
        <source>the {name} schedule does not take {flags}: it has no parameters</source>
        <translation>{name} 调度不接受 {flags}：它没有参数</translation>
    </message>
    <message>
        <source>log of a non-positive number</source>
        <translation>对非正数取对数</translation>
    </message>
    <message>
        <source>square root of a negative number</source>
        <translation>对负数开平方</translation>
    </message>
    <message>
        <source>{fn} of a number outside [−1, 1]</source>
        <translation>对 [−1, 1] 以外的数取 {fn}</translation>
    </message>
    <message>
        <source>division by zero</source>
        <translation>除以零</translation>
    </message>
    <message>
        <source>a negative number to a fractional power, or 0 to a negative one</source>
        <translation>负数的分数次幂，或 0 的负数次幂</translation>
    </message>
    <message>
        <source>the square root has no finite slope at 0</source>
        <translation>平方根在 0 处没有有限的斜率</translation>
    </message>
    <message>
        <source>{fn} has no finite slope at ±1</source>
        <translation>{fn} 在 ±1 处没有有限的斜率</translation>
    </message>
    <message>
        <source>0 to a power below 1 has no finite slope</source>
        <translation>0 的小于 1 的次幂没有有限的斜率</translation>
    </message>
    <message>
        <source>column {col}: {message} — did you mean {suggestion}?</source>
        <extracomment>the limits of a formula (the window and the docs quote them)</extracomment>
        <translation>第 {col} 列：{message} —— 是不是想写 {suggestion}？</translation>
    </message>
    <message>
        <source>column {col}: {message}</source>
        <translation>第 {col} 列：{message}</translation>
    </message>
    <message>
        <source>the character U+{code:04X} is not printable</source>
        <extracomment>characters pasted from documents, and what they mean here</extracomment>
        <translation>字符 U+{code:04X} 不可打印</translation>
    </message>
    <message>
        <source>the character {char!r} is not part of a formula</source>
        <translation>字符 {char!r} 不能出现在公式里</translation>
    </message>
    <message>
        <source>the formula has {n:,} characters; the limit is {limit}</source>
        <translation>公式有 {n:,} 个字符；上限是 {limit}</translation>
    </message>
    <message>
        <source>{slope} ({reason})</source>
        <extracomment>the window&apos;s tabs: the steps, the formula&apos;s computation graph, the gradient check</extracomment>
        <translation>{slope}（{reason}）</translation>
    </message>
    <message>
        <source>Your formula</source>
        <translation>自定义公式</translation>
    </message>
    <message>
        <source>the formula is empty: type an expression in x and y</source>
        <translation>公式是空的：请输入一个关于 x 和 y 的表达式</translation>
    </message>
    <message>
        <source>the formula has {n} operations and numbers; the limit is {limit}</source>
        <translation>公式有 {n} 个运算和数；上限是 {limit}</translation>
    </message>
    <message>
        <source>the formula nests {n} levels deep; the limit is {limit}</source>
        <translation>公式嵌套了 {n} 层；上限是 {limit}</translation>
    </message>
    <message>
        <source>the formula nests more than {limit} levels deep</source>
        <translation>公式嵌套超过 {limit} 层</translation>
    </message>
    <message>
        <source>&apos;)&apos; without a matching &apos;(&apos;</source>
        <translation>&apos;)&apos; 没有对应的 &apos;(&apos;</translation>
    </message>
    <message>
        <source>unexpected {piece!r}</source>
        <translation>意外的 {piece!r}</translation>
    </message>
    <message>
        <source>a number right after {left!r}</source>
        <translation>{left!r} 后面紧跟着一个数</translation>
    </message>
    <message>
        <source>{piece!r} right after {left!r} with nothing between</source>
        <translation>{piece!r} 紧跟在 {left!r} 后面，中间什么也没有</translation>
    </message>
    <message>
        <source>the superscript {piece!r} is not a number</source>
        <translation>上标 {piece!r} 不是一个数</translation>
    </message>
    <message>
        <source>the formula ends too early: a number, x, y, a function or &apos;(&apos; should follow</source>
        <translation>公式结束得太早：后面应该是一个数、x、y、一个函数或 &apos;(&apos;</translation>
    </message>
    <message>
        <source>&apos;)&apos; where a number, x, y, a function or &apos;(&apos; should be</source>
        <translation>这里应该是一个数、x、y、一个函数或 &apos;(&apos;，却是 &apos;)&apos;</translation>
    </message>
    <message>
        <source>{piece!r} where a number, x, y, a function or &apos;(&apos; should be</source>
        <translation>这里应该是一个数、x、y、一个函数或 &apos;(&apos;，却是 {piece!r}</translation>
    </message>
    <message>
        <source>this &apos;(&apos; is never closed</source>
        <translation>这个 &apos;(&apos; 没有闭合</translation>
    </message>
    <message>
        <source>unexpected {piece!r}: expected &apos;)&apos;</source>
        <translation>意外的 {piece!r}：这里应该是 &apos;)&apos;</translation>
    </message>
    <message>
        <source>unknown name {name!r} — the variables are x and y</source>
        <translation>未知的名字 {name!r} —— 变量是 x 和 y</translation>
    </message>
    <message>
        <source>{name} needs its argument in parentheses</source>
        <translation>{name} 的参数需要写在括号里</translation>
    </message>
    <message>
        <source>{name} takes {n} arguments, got {got}</source>
        <translation>{name} 需要 {n} 个参数，实际有 {got} 个</translation>
    </message>
    <message>
        <source>{name} takes 1 argument, got {got}</source>
        <translation>{name} 需要 1 个参数，实际有 {got} 个</translation>
    </message>
    <message>
        <source>Linear regression f = w·x (seeds §3)</source>
        <translation>线性回归 f = w·x（种子文本 §3）</translation>
    </message>
    <message>
        <source>The seeds&apos; hand-worked regression: lr 0.01, 20 steps from w = 0 -&gt; f(5) = 9.612.</source>
        <translation>种子文本中手算的回归：lr 0.01，从 w = 0 走 20 步 -&gt; f(5) = 9.612。</translation>
    </message>
    <message>
        <source>fit  y = w·x</source>
        <translation>拟合  y = w·x</translation>
    </message>
    <message>
        <source>Linear regression y = w·x + b</source>
        <translation>线性回归 y = w·x + b</translation>
    </message>
    <message>
        <source>J(w, b) = mean((w·x + b − y)²), data: y = 2x + 1 + noise</source>
        <translation>J(w, b) = mean((w·x + b − y)²)，数据：y = 2x + 1 + 噪声</translation>
    </message>
    <message>
        <source>A seeded noisy line; the least-squares fit is near (2, 1).</source>
        <translation>一条带噪声的直线（固定种子）；最小二乘拟合在 (2, 1) 附近。</translation>
    </message>
    <message>
        <source>ADALINE (seeds §5)</source>
        <translation>ADALINE（种子文本 §5）</translation>
    </message>
    <message>
        <source>J(w, b) = |label − (w·x + b)| per sample, data: label = 2x + 1, x in [-10, 10]</source>
        <translation>J(w, b) = |标签 − (w·x + b)|（每个样本），数据：标签 = 2x + 1，x 在 [-10, 10] 中</translation>
    </message>
    <message>
        <source>One sample per update; w&apos;s rate is lr/2 (the seeds&apos; 0.05 vs 0.1), decaying as lr/(1 + k/200) (the inverse-time schedule).</source>
        <translation>每次更新用一个样本；w 的学习率是 lr/2（种子文本中的 0.05 对 0.1），按 lr/(1 + k/200) 衰减（反比时间调度）。</translation>
    </message>
    <message>
        <source>Two-layer network (seeds §4)</source>
        <translation>两层神经网络（种子文本 §4）</translation>
    </message>
    <message>
        <source>softmax(sigmoid(x·W1 + b1)·W2 + b2), mean cross-entropy</source>
        <translation>softmax(sigmoid(x·W1 + b1)·W2 + b2)，平均交叉熵</translation>
    </message>
    <message>
        <source>weights 0.01·N(0, 1), biases 0</source>
        <translation>权重 0.01·N(0, 1)，偏置 0</translation>
    </message>
    <message>
        <source>data set {dataset}: {n} points, {classes} classes, batch {batch}</source>
        <translation>数据集 {dataset}：{n} 个点，{classes} 个类别，批大小 {batch}</translation>
    </message>
    <message>
        <source>fit  y = w·x + b</source>
        <extracomment>``graph.fn`` plus the softmax cross-entropy: graph ops for Nodes, numpy otherwise. the side views a problem may list in ``views``: the step inspector, the last steps&apos; table, the data with the fit, the ADALINE computation graph, the gradient check what the path plot draws under the path: J(w) for one parameter, the loss map over two, the loss on the plane of the path&apos;s principal directions for many how the data view draws the data: points with the fitted line y = f(x), or 2-D points by class with the decision regions how the parameters start when there is no start point (``start`` None) the learning-rate schedule and its parameters (:mod:`gdlab.engine.optim.schedules`) the options it takes (names in :data:`~gdlab.engine.problems.options.MODEL_OPTIONS`) and its defaults there (``None``: the data set&apos;s own)</extracomment>
        <translation>拟合  y = w·x + b</translation>
    </message>
    <message>
        <source>start {point}</source>
        <translation>起点 {point}</translation>
    </message>
    <message>
        <source>the gradient is undefined here</source>
        <extracomment>Graph-capable: ``value(x, y, GRAPH_MATH)`` with x, y :class:`graph.Variable` builds a computation graph (``backward()`` then fills ``x.grad``, ``y.grad``); floats and arrays still get numpy. The autodiff gradient of every objective comes from this one definition. Its sqrt takes sqrt&apos;(0) as 0.5/1e-300 (finite, like the offset in the analytic Ackley gradient), so that sqrt&apos;(u)·du is 0, not nan, where u and du vanish (Ackley&apos;s origin). a rate per optimizer where the one suggested rate does not suit it (an adaptive method&apos;s step is about lr whatever the gradient&apos;s size); the others take suggested_lr the text of a typed formula (the recipe records it); None for the catalogue&apos;s</extracomment>
        <translation>梯度在这里没有定义</translation>
    </message>
    <message>
        <source>Bowl</source>
        <translation>碗形</translation>
    </message>
    <message>
        <source>The seeds&apos; function: each SGD step multiplies θ by (1 − 2·lr).</source>
        <translation>种子文本中的函数：SGD 的每一步把 θ 乘以 (1 − 2·lr)。</translation>
    </message>
    <message>
        <source>Ellipse (x²/20 + y²)</source>
        <translation>椭圆 (x²/20 + y²)</translation>
    </message>
    <message>
        <source>The book&apos;s optimizer-comparison surface: steep in y, flat in x.</source>
        <translation>书中比较优化器用的曲面：y 方向陡峭，x 方向平缓。</translation>
    </message>
    <message>
        <source>A long curved valley: easy to reach, slow to follow to (1, 1).</source>
        <translation>一条弯曲的长山谷：很容易走进去，沿着它走到 (1, 1) 却很慢。</translation>
    </message>
    <message>
        <source>Four equal minima: the start point decides which one you reach.</source>
        <translation>四个相等的最小值：起点决定到达哪一个。</translation>
    </message>
    <message>
        <source>Flat plateaus and sharp ridges spanning many decades.</source>
        <translation>平坦的高原和陡峭的山脊，数值跨越许多个数量级。</translation>
    </message>
    <message>
        <source>A tilted quadratic bowl.</source>
        <translation>一个倾斜的二次碗形。</translation>
    </message>
    <message>
        <source>A narrow diagonal valley: badly conditioned.</source>
        <translation>一条狭窄的斜向山谷：条件数很差。</translation>
    </message>
    <message>
        <source>Three-hump camel</source>
        <translation>三峰驼背函数</translation>
    </message>
    <message>
        <source>Three valleys: plain descent can stop in a side one.</source>
        <translation>三个山谷：普通的梯度下降可能停在旁边的一个里。</translation>
    </message>
    <message>
        <source>Six-hump camel</source>
        <translation>六峰驼背函数</translation>
    </message>
    <message>
        <source>Six local minima, two of them global.</source>
        <translation>六个局部最小值，其中两个是全局最小值。</translation>
    </message>
    <message>
        <source>An egg box of local minima: gradient descent gets trapped.</source>
        <translation>像蛋托一样布满局部最小值：梯度下降法会被困住。</translation>
    </message>
    <message>
        <source>A deep funnel under a bumpy surface.</source>
        <translation>凹凸不平的表面下有一个深深的漏斗。</translation>
    </message>
    <message>
        <source>Saddle (x² − y²)</source>
        <translation>鞍面 (x² − y²)</translation>
    </message>
    <message>
        <source>No minimum: near the y = 0 line descent slows down, then escapes.</source>
        <translation>没有最小值：在 y = 0 这条线附近下降变慢，然后逃离。</translation>
    </message>
    <message>
        <source>Values from 3 to a million: the colour scale is logarithmic.</source>
        <translation>函数值从 3 到一百万：颜色刻度是对数的。</translation>
    </message>
    <message>
        <source>Four basins; only one holds the global minimum.</source>
        <translation>四个盆地；只有一个里面是全局最小值。</translation>
    </message>
    <message>
        <source>A smooth, gently tilted valley.</source>
        <translation>一条平滑、略微倾斜的山谷。</translation>
    </message>
    <message>
        <source>unknown problem {name!r}; choose one of: {choices}</source>
        <translation>未知的问题 {name!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>invalid {label} {value!r}: choose one of {range}</source>
        <translation>无效的值 {value!r}：请从 {range} 中选择</translation>
    </message>
    <message>
        <source>invalid {label} {value!r}: it must be a whole number from {range}</source>
        <translation>无效的值 {value!r}：必须是 {range} 的整数</translation>
    </message>
    <message>
        <source>invalid {label} {value!r}: it must be a number from {range}</source>
        <translation>无效的值 {value!r}：必须是 {range} 的数</translation>
    </message>
    <message>
        <source>invalid {label} {value!r}: it must be from {range}</source>
        <translation>无效的值 {value!r}：必须在 {range} 之间</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>the synthetic 2-D data set the network classifies</source>
        <translation>网络要分类的二维合成数据集</translation>
    </message>
    <message>
        <source>Hidden units</source>
        <translation>隐藏单元</translation>
    </message>
    <message>
        <source>size of the sigmoid hidden layer</source>
        <translation>sigmoid 隐藏层的大小</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>samples per update (mini-batch; ≥ samples: the whole data set)</source>
        <translation>每次更新用的样本数（小批量；≥ 样本数：整个数据集）</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>number of data points</source>
        <translation>数据点的个数</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>number of classes (spiral arms or blobs; the other data sets have 2)</source>
        <translation>类别的个数（螺旋臂或团簇；其他数据集有 2 类）</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Gaussian noise added to the data</source>
        <translation>加到数据上的高斯噪声</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>random seed of the data, the initial weights and the batches</source>
        <translation>数据、初始权重和批次的随机种子</translation>
    </message>
    <message>
        <source>w rate (× lr)</source>
        <translation>w 的学习率（× lr）</translation>
    </message>
    <message>
        <source>w&apos;s learning rate is lr times this (the seeds&apos; 0.05 vs 0.1: 0.5)</source>
        <translation>w 的学习率是 lr 乘以这个数（种子文本中的 0.05 对 0.1：0.5）</translation>
    </message>
    <message>
        <source>{problem} does not take {flags}: it takes {takes}</source>
        <translation>{problem} 不接受 {flags}：它接受 {takes}</translation>
    </message>
    <message>
        <source>{problem} does not take {flags}: it has no options</source>
        <translation>{problem} 不接受 {flags}：它没有选项</translation>
    </message>
    <message>
        <source>diverged at step {k}: {why}</source>
        <extracomment>called between blocks of steps when set; a GUI worker uses it to pause the loop (releasing the GIL) while the window paints a race by evaluations: the run ends at the first row with this many gradient evaluations</extracomment>
        <translation>在第 {k} 步发散：{why}</translation>
    </message>
    <message>
        <source>undefined at step {k}: {why}</source>
        <translation>在第 {k} 步没有定义：{why}</translation>
    </message>
    <message>
        <source>minimum {point}  f = {value}  ({share:.0%} of the starts)</source>
        <extracomment>the time bound of a search made for a summary or a map (the CLI&apos;s, the basin map&apos;s) the rates of the three phases, as fractions of the box&apos;s larger side, and their steps</extracomment>
        <translation>最小值 {point}  f = {value}  （{share:.0%} 的起点到达这里）</translation>
    </message>
    <message>
        <source>… and {n} more minima</source>
        <translation>… 还有 {n} 个最小值</translation>
    </message>
    <message>
        <source>unbounded below: some runs keep descending out of the box</source>
        <translation>无下界：有些运行一直下降，走出了范围</translation>
    </message>
    <message>
        <source>{share:.0%} of the runs stopped where f is undefined</source>
        <translation>{share:.0%} 的运行停在 f 没有定义的地方</translation>
    </message>
    <message>
        <source>no minimum found in the box</source>
        <translation>范围内没有找到最小值</translation>
    </message>
    <message>
        <source>the search ran out of time: there may be more</source>
        <translation>搜索时间用完了：可能还有更多</translation>
    </message>
    <message>
        <source>the maps are for the 2-D functions; {problem} is a model (choose one of: {choices})</source>
        <extracomment>the hyperparameter paired with lr by default, in order of preference</extracomment>
        <translation>这些图只适用于二维函数；{problem} 是一个模型（请从以下选择：{choices}）</translation>
    </message>
    <message>
        <source>the start point needs {n} values ({names}), got {got}</source>
        <translation>起点需要 {n} 个值（{names}），实际有 {got} 个</translation>
    </message>
    <message>
        <source>{what} would be {n:,} runs; a map takes at most {most:,}</source>
        <translation>{what} 需要运行 {n:,} 次；一张图最多运行 {most:,} 次</translation>
    </message>
    <message>
        <source>the maps use the analytic or numerical gradient, not {gradient}</source>
        <translation>这些图使用解析梯度或数值梯度，而不是 {gradient}</translation>
    </message>
    <message>
        <source>the learning rates need 0 &lt; from &lt; to, got from {low:g} to {high:g}</source>
        <translation>学习率需要满足 0 &lt; 起 &lt; 止，实际是从 {low:g} 到 {high:g}</translation>
    </message>
    <message>
        <source>a sweep needs at least 2 rates, got {n}</source>
        <translation>扫描至少需要 2 个学习率，实际有 {n} 个</translation>
    </message>
    <message>
        <source>{n} rates</source>
        <translation>{n} 个学习率</translation>
    </message>
    <message>
        <source>the box needs finite X0 &lt; X1 and Y0 &lt; Y1, got {x0:g}, {x1:g}, {y0:g}, {y1:g}</source>
        <translation>范围需要有限的 X0 &lt; X1 且 Y0 &lt; Y1，实际是 {x0:g}，{x1:g}，{y0:g}，{y1:g}</translation>
    </message>
    <message>
        <source>the basin grid needs n ≥ 1, got {n}</source>
        <translation>盆地网格需要 n ≥ 1，实际是 {n}</translation>
    </message>
    <message>
        <source>a {n}×{n} grid</source>
        <translation>{n}×{n} 的网格</translation>
    </message>
    <message>
        <source>the {name} axis needs from &lt; to, got {low:g} to {high:g}</source>
        <translation>{name} 轴需要起 &lt; 止，实际是 {low:g} 到 {high:g}</translation>
    </message>
    <message>
        <source>the {name} axis is logarithmic: it needs from &gt; 0</source>
        <translation>{name} 轴是对数刻度：起点需要 &gt; 0</translation>
    </message>
    <message>
        <source>{optimizer} has no hyperparameter {name!r} (it has: {known})</source>
        <extracomment>``closure(params) -&gt; (loss, grads)``: the run&apos;s evaluation at other parameters</extracomment>
        <translation>{optimizer} 没有超参数 {name!r}（它有：{known}）</translation>
    </message>
    <message>
        <source>the two axes need two different hyperparameters, got {name} twice</source>
        <translation>两个轴需要两个不同的超参数，{name} 出现了两次</translation>
    </message>
    <message>
        <source>the hyperparameter map needs n ≥ 2, got {n}</source>
        <translation>超参数图需要 n ≥ 2，实际是 {n}</translation>
    </message>
    <message>
        <source>auto-tune sweeps the learning rate of a 2-D function; {problem} is a model</source>
        <translation>自动调参扫描的是二维函数的学习率；{problem} 是一个模型</translation>
    </message>
    <message>
        <source>auto-tune picks each lane&apos;s lr from a batch of runs stepped together, and {optimizer} steps one run at a time (its state and evaluations are one run&apos;s): race it without auto-tune, at its own lr ({lr:g}, a scale of its own step)</source>
        <translation>自动调参从一批同时前进的运行中为每条赛道选出 lr，而 {optimizer} 每次只能走一个运行（它的状态和求值属于单个运行）：请不用自动调参来比赛，用它自己的 lr（{lr:g}，它自身步长的缩放）</translation>
    </message>
    <message>
        <source>every rate from {low:g} to {high:g} diverged for {optimizer} on {problem}</source>
        <translation>{optimizer} 在 {problem} 上从 {low:g} 到 {high:g} 的所有学习率都发散了</translation>
    </message>
    <message>
        <source>{file} is a folder, not a CSV file</source>
        <translation>{file} 是一个文件夹，不是 CSV 文件</translation>
    </message>
    <message>
        <source>{file} is larger than {mb} MB; not a trajectory to draw</source>
        <translation>{file} 大于 {mb} MB；不是可以绘制的轨迹</translation>
    </message>
    <message>
        <source>{file}: {why}</source>
        <translation>{file}：{why}</translation>
    </message>
    <message>
        <source>{file} is not a text (UTF-8) CSV file</source>
        <translation>{file} 不是文本（UTF-8）CSV 文件</translation>
    </message>
    <message>
        <source>{file}: not a CSV table ({why})</source>
        <translation>{file}：不是 CSV 表格（{why}）</translation>
    </message>
    <message>
        <source>{file} is empty: it needs a header line with x and y columns</source>
        <translation>{file} 是空的：需要一行包含 x 和 y 列的表头</translation>
    </message>
    <message>
        <source>{file}: the header names the column {name!r} twice</source>
        <translation>{file}：表头中 {name!r} 列出现了两次</translation>
    </message>
    <message>
        <source>{file}: no {name!r} column (the header is: {header}); a trajectory needs columns named x and y</source>
        <translation>{file}：没有 {name!r} 列（表头是：{header}）；轨迹需要名为 x 和 y 的列</translation>
    </message>
    <message>
        <source>{file}: no {first!r} and no {second!r} column (the header is: {header}); a trajectory needs columns named x and y</source>
        <translation>{file}：没有 {first!r} 列，也没有 {second!r} 列（表头是：{header}）；轨迹需要名为 x 和 y 的列</translation>
    </message>
    <message>
        <source>{file}, line {line}: {n} values, the header has {width}</source>
        <translation>{file}，第 {line} 行：有 {n} 个值，表头有 {width} 个</translation>
    </message>
    <message>
        <source>{file}: more than {most:,} rows; not a trajectory to draw</source>
        <translation>{file}：超过 {most:,} 行；不是可以绘制的轨迹</translation>
    </message>
    <message>
        <source>{file}, line {line}, column {column}: {text!r} is not a number</source>
        <translation>{file}，第 {line} 行，{column} 列：{text!r} 不是数</translation>
    </message>
    <message>
        <source>{file}, line {line}, column {column}: {text!r} is not a whole number ≥ 0</source>
        <translation>{file}，第 {line} 行，{column} 列：{text!r} 不是 ≥ 0 的整数</translation>
    </message>
    <message>
        <source>{file} has a header but no rows</source>
        <translation>{file} 有表头但没有数据行</translation>
    </message>
    <message>
        <source>{file}: no row has finite x and y; nothing to draw</source>
        <translation>{file}：没有一行的 x 和 y 是有限值；没有可绘制的内容</translation>
    </message>
    <message>
        <source>{file}: the steps must increase within each lane (lane {lane}); step {step} follows step {before}</source>
        <translation>{file}：每条赛道内步数必须递增（赛道 {lane}）；第 {step} 步跟在第 {before} 步后面</translation>
    </message>
    <message>
        <source>{file}: the steps must increase; step {step} follows step {before}</source>
        <translation>{file}：步数必须递增；第 {step} 步跟在第 {before} 步后面</translation>
    </message>
    <message>
        <source>{file}: {where}: {problem}</source>
        <extracomment>where the lessons gdlab ships live: one folder per language (``en``, ``zh_CN``) an action&apos;s keys that go to the recipe as they are a lane may change these of its action&apos;s recipe pages of the Maps dock an action may open</extracomment>
        <translation>{file}：{where}：{problem}</translation>
    </message>
    <message>
        <source>{file}: {problem}</source>
        <translation>{file}：{problem}</translation>
    </message>
    <message>
        <source>can&apos;t be read ({why})</source>
        <translation>无法读取（{why}）</translation>
    </message>
    <message>
        <source>is larger than {mb} MB: not a lesson</source>
        <translation>大于 {mb} MB：不是课程文件</translation>
    </message>
    <message>
        <source>is not UTF-8 text ({why} at byte {at})</source>
        <translation>不是 UTF-8 文本（第 {at} 字节：{why}）</translation>
    </message>
    <message>
        <source>is not valid TOML: {why}</source>
        <translation>不是有效的 TOML：{why}</translation>
    </message>
    <message>
        <source>has no pages: write at least one [[page]] table</source>
        <translation>没有页面：请至少写一个 [[page]] 表</translation>
    </message>
    <message>
        <source>must be a table ([[page]])</source>
        <translation>必须是一个表（[[page]]）</translation>
    </message>
    <message>
        <source>a question needs its answer (and an answer its question)</source>
        <translation>问题需要有答案（答案也需要有问题）</translation>
    </message>
    <message>
        <source>must be a table ([page.action])</source>
        <translation>必须是一个表（[page.action]）</translation>
    </message>
    <message>
        <source>names no problem: add problem = &quot;bowl&quot; (see &apos;gdlab list&apos;) or formula = &quot;…&quot;</source>
        <translation>没有指定问题：请加上 problem = &quot;bowl&quot;（见 &apos;gdlab list&apos;）或 formula = &quot;…&quot;</translation>
    </message>
    <message>
        <source>must be a list of 1 to {most} tables ([[page.action.lanes]])</source>
        <translation>必须是 1 到 {most} 个表组成的列表（[[page.action.lanes]]）</translation>
    </message>
    <message>
        <source>must be a table</source>
        <translation>必须是一个表</translation>
    </message>
    <message>
        <source>{tab!r} is not a view of {problem}: choose one of {views}</source>
        <translation>{tab!r} 不是 {problem} 的视图：请从 {views} 中选择</translation>
    </message>
    <message>
        <source>{maps!r}: choose one of {choices} (maps are drawn for the 2-D functions only)</source>
        <translation>{maps!r}：请从 {choices} 中选择（这些图只为二维函数绘制）</translation>
    </message>
    <message>
        <source>must be a table, e.g. {example}</source>
        <translation>必须是一个表，例如 {example}</translation>
    </message>
    <message>
        <source>must be a list of numbers, e.g. [-3, 4]</source>
        <translation>必须是由数组成的列表，例如 [-3, 4]</translation>
    </message>
    <message>
        <source>{problem} starts from {n} number(s), not {given}</source>
        <translation>{problem} 的起点是 {n} 个数，而不是 {given} 个</translation>
    </message>
    <message>
        <source>must be text (in quotes)</source>
        <translation>必须是文本（写在引号里）</translation>
    </message>
    <message>
        <source>is missing or empty</source>
        <translation>缺失或为空</translation>
    </message>
    <message>
        <source>unknown key {key!r}; the keys here are: {keys}</source>
        <translation>未知的键 {key!r}；这里可用的键是：{keys}</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <extracomment>the recipe fields a schema-1 session must hold; a field the recipe gained since is read with its default when a file lacks it (an older session stays readable)</extracomment>
        <translation>{where}：{problem}</translation>
    </message>
    <message>
        <source>{path} is a folder, not a session file</source>
        <translation>{path} 是一个文件夹，不是会话文件</translation>
    </message>
    <message>
        <source>cannot read {path}: {why}</source>
        <translation>无法读取 {path}：{why}</translation>
    </message>
    <message>
        <source>{path} is larger than {mb} MB: not a gdlab session</source>
        <translation>{path} 大于 {mb} MB：不是 gdlab 会话</translation>
    </message>
    <message>
        <source>{path} is not text (not a gdlab session)</source>
        <translation>{path} 不是文本（不是 gdlab 会话）</translation>
    </message>
    <message>
        <source>{path} is empty</source>
        <translation>{path} 是空的</translation>
    </message>
    <message>
        <source>{name} ends too soon: it is truncated</source>
        <translation>{name} 结束得太早：文件被截断了</translation>
    </message>
    <message>
        <source>{name} is not valid JSON (line {line}, column {col}: {why})</source>
        <translation>{name} 不是有效的 JSON（第 {line} 行，第 {col} 列：{why}）</translation>
    </message>
    <message>
        <source>{name} is nested too deeply</source>
        <translation>{name} 嵌套太深</translation>
    </message>
    <message>
        <source>a session is a JSON object, not {kind}</source>
        <translation>会话是一个 JSON 对象，而不是{kind}</translation>
    </message>
    <message>
        <source>missing: not a gdlab session</source>
        <translation>缺失：不是 gdlab 会话</translation>
    </message>
    <message>
        <source>{found!r} is not {format!r}: not a gdlab session</source>
        <translation>{found!r} 不是 {format!r}：不是 gdlab 会话</translation>
    </message>
    <message>
        <source>version {schema} was written by a newer gdlab (this one reads version {mine}): update gdlab to open it</source>
        <translation>版本 {schema} 由更新的 gdlab 写成（这个版本读取版本 {mine}）：请更新 gdlab 再打开</translation>
    </message>
    <message>
        <source>version {schema} does not exist (versions start at 1)</source>
        <translation>版本 {schema} 不存在（版本从 1 开始）</translation>
    </message>
    <message>
        <source>a session has 1 to {most} lanes, not {n}</source>
        <translation>一个会话有 1 到 {most} 条赛道，而不是 {n} 条</translation>
    </message>
    <message>
        <source>every lane of a race runs the same problem (with the same options and dtype)</source>
        <translation>比赛的每条赛道运行同一个问题（选项和 dtype 也相同）</translation>
    </message>
    <message>
        <source>lane {lane} does not exist (0 to {last})</source>
        <translation>赛道 {lane} 不存在（0 到 {last}）</translation>
    </message>
    <message>
        <source>four numbers [x0, x1, y0, y1], not {kind}</source>
        <translation>需要四个数 [x0, x1, y0, y1]，而不是{kind}</translation>
    </message>
    <message>
        <source>x0 &lt; x1 and y0 &lt; y1 are needed</source>
        <translation>需要 x0 &lt; x1 且 y0 &lt; y1</translation>
    </message>
    <message>
        <source>a lane is a JSON object, not {kind}</source>
        <translation>赛道是一个 JSON 对象，而不是{kind}</translation>
    </message>
    <message>
        <source>more than {most:,} changes</source>
        <translation>超过 {most:,} 次更改</translation>
    </message>
    <message>
        <source>an event is a JSON object, not {kind}</source>
        <translation>事件是一个 JSON 对象，而不是{kind}</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>must be ≥ 0, not {n}</source>
        <translation>必须 ≥ 0，而不是 {n}</translation>
    </message>
    <message>
        <source>{step} is outside the run&apos;s steps 0 … {last}</source>
        <translation>{step} 超出了运行的步数范围 0 … {last}</translation>
    </message>
    <message>
        <source>{done} is beyond the run&apos;s budget of {steps} steps</source>
        <translation>{done} 超出了运行的 {steps} 步预算</translation>
    </message>
    <message>
        <source>unknown field (a recipe has: {known})</source>
        <translation>未知的字段（配方包含：{known}）</translation>
    </message>
    <message>
        <source>a list of numbers or null, not {kind}</source>
        <translation>需要由数组成的列表或 null，而不是{kind}</translation>
    </message>
    <message>
        <source>must be {kind}, not {value}</source>
        <translation>必须是{kind}，而不是{value}</translation>
    </message>
    <message>
        <source>{value:.3g} is too large</source>
        <translation>{value:.3g} 太大</translation>
    </message>
    <message>
        <source>must be a number, not {value}</source>
        <translation>必须是数，而不是{value}</translation>
    </message>
    <message>
        <source>the number is too large</source>
        <translation>这个数太大</translation>
    </message>
    <message>
        <source>must be a finite number, not {value!r}</source>
        <translation>必须是有限的数，而不是 {value!r}</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>a JSON object</source>
        <translation>JSON 对象</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数</translation>
    </message>
    <message>
        <source>the number {value!r}</source>
        <translation>数 {value!r}</translation>
    </message>
    <message>
        <source>the text {value!r}</source>
        <translation>文本 {value!r}</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>unknown model {name!r}; choose one of: {choices}</source>
        <translation>未知的模型 {name!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>the problem &apos;formula&apos; needs its formula, e.g. --formula &apos;x^2 + y^2&apos;</source>
        <extracomment>the problem name of a typed formula (its text is the recipe&apos;s ``formula``)</extracomment>
        <translation>问题 &apos;formula&apos; 需要给出公式，例如 --formula &apos;x^2 + y^2&apos;</translation>
    </message>
    <message>
        <source>a formula is its own problem; drop the problem {name!r}</source>
        <translation>公式本身就是一个问题；请去掉问题 {name!r}</translation>
    </message>
    <message>
        <source>invalid grad_noise {value!r}: the noise&apos;s σ must be a finite number ≥ 0</source>
        <translation>无效的 grad_noise {value!r}：噪声的 σ 必须是 ≥ 0 的有限数</translation>
    </message>
    <message>
        <source>invalid noise_seed {value!r}: the seed must be a whole number from 0 to {most}</source>
        <translation>无效的 noise_seed {value!r}：种子必须是 0 到 {most} 的整数</translation>
    </message>
    <message>
        <source>1 lane of these step budgets would store {rows:,} rows; a race keeps at most {most:,} rows in all (with 1 lane, at most {each:,} steps each)</source>
        <extracomment>rows all the lanes of a race may store together: a single run&apos;s limit</extracomment>
        <translation>按这些步数预算，1 条赛道要存 {rows:,} 行；一场比赛总共最多保存 {most:,} 行（1 条赛道时，每条最多 {each:,} 步）</translation>
    </message>
    <message>
        <source>{n} lanes of these step budgets would store {rows:,} rows; a race keeps at most {most:,} rows in all (with {n} lanes, at most {each:,} steps each)</source>
        <translation>按这些步数预算，{n} 条赛道要存 {rows:,} 行；一场比赛总共最多保存 {most:,} 行（{n} 条赛道时，每条最多 {each:,} 步）</translation>
    </message>
    <message>
        <source> start</source>
        <translation> 起点</translation>
    </message>
    <message>
        <source> σ {sigma:g} seed {seed}</source>
        <translation> σ {sigma:g} 种子 {seed}</translation>
    </message>
    <message>
        <source>{optimizer}{lr}{start}{noise}</source>
        <translation>{optimizer}{lr}{start}{noise}</translation>
    </message>
    <message>
        <source>unknown gradient method {name!r}; choose one of: {choices}</source>
        <extracomment>step budget of a 2-D function (a model has its own ``default_steps``) the problem of ``gdlab run`` without --problem (and of the window&apos;s Restore Defaults)</extracomment>
        <translation>未知的梯度方法 {name!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>invalid max_loss {value!r}: the threshold must be &gt; 0</source>
        <translation>无效的 max_loss {value!r}：阈值必须 &gt; 0</translation>
    </message>
    <message>
        <source>unknown dtype {name!r}; choose one of: {choices}</source>
        <translation>未知的 dtype {name!r}；请从以下选择：{choices}</translation>
    </message>
    <message>
        <source>invalid start {value!r}: the start point must be finite</source>
        <translation>无效的起点 {value!r}：起点必须是有限值</translation>
    </message>
    <message>
        <source>{optimizer} applies to the 2-D functions, not to the model {problem!r}: choose a first-order optimizer</source>
        <translation>{optimizer} 只适用于二维函数，不适用于模型 {problem!r}：请选择一阶优化器</translation>
    </message>
    <message>
        <source>{optimizer} runs in float64 only, not {dtype}</source>
        <translation>{optimizer} 只能用 float64 运行，不能用 {dtype}</translation>
    </message>
    <message>
        <source>{optimizer} takes no learning-rate schedule (its lr scales its own step): choose the schedule &apos;constant&apos;</source>
        <translation>{optimizer} 不接受学习率调度（它的 lr 缩放的是它自己的步长）：请选择调度 &apos;constant&apos;</translation>
    </message>
    <message>
        <source>{optimizer}&apos;s line search compares exact values and slopes: gradient noise must be 0</source>
        <translation>{optimizer} 的线搜索要比较精确的函数值和斜率：梯度噪声必须为 0</translation>
    </message>
    <message>
        <source>μₜ = β₁(1 − ½·0.96^(tψ)) ;  m, v as Adam ;  θ ← θ − lr·[(1−μₜ)/(1−Πμ)·g + μₜ₊₁/(1−Πμ·μₜ₊₁)·m] / (√(v/(1−β₂ᵗ)) + ε)</source>
        <translation>μₜ = β₁(1 − ½·0.96^(tψ)) ；m、v 同 Adam ；θ ← θ − lr·[(1−μₜ)/(1−Πμ)·g + μₜ₊₁/(1−Πμ·μₜ₊₁)·m] / (√(v/(1−β₂ᵗ)) + ε)</translation>
    </message>
    <message>
        <source>m, v as Adam ;  ρₜ &gt; 5: θ ← θ − lr·rₜ·m̂·√(1−β₂ᵗ)/(√v + ε), else θ ← θ − lr·m̂</source>
        <translation>m、v 同 Adam ；ρₜ &gt; 5 时：θ ← θ − lr·rₜ·m̂·√(1−β₂ᵗ)/(√v + ε)，否则 θ ← θ − lr·m̂</translation>
    </message>
    <message>
        <source>s ← clip(s·η₊ if g·g₋ &gt; 0, s·η₋ if &lt; 0) ;  θ ← θ − s·sign(g)   (g ← 0 after a flip; s₁ = lr)</source>
        <translation>s ← clip(g·g₋ &gt; 0 时 s·η₊，&lt; 0 时 s·η₋) ；θ ← θ − s·sign(g)   （变号后 g ← 0；s₁ = lr）</translation>
    </message>
    <message>
        <source>λ = {lo:.3g} and {hi:.3g}  ·  κ = {kappa:.3g}</source>
        <translation>λ = {lo:.3g} 和 {hi:.3g}  ·  κ = {kappa:.3g}</translation>
    </message>
    <message>
        <source>λ = {lo:.3g} and {hi:.3g}  ·  saddle-shaped here (one negative eigenvalue)</source>
        <translation>λ = {lo:.3g} 和 {hi:.3g}  ·  这里是鞍形（有一个负特征值）</translation>
    </message>
    <message>
        <source>λ = {lo:.3g} and {hi:.3g}  ·  curving down both ways (a maximum&apos;s shape)</source>
        <translation>λ = {lo:.3g} 和 {hi:.3g}  ·  两个方向都向下弯（最大值的形状）</translation>
    </message>
    <message>
        <source>λ = {lo:.3g} and {hi:.3g}  ·  flat along one direction (H singular)</source>
        <translation>λ = {lo:.3g} 和 {hi:.3g}  ·  沿一个方向是平的（H 奇异）</translation>
    </message>
    <message>
        <source>events[{i}] ({name} at step {step})</source>
        <extracomment>what a change event may name besides the optimizer&apos;s hyperparameters</extracomment>
        <translation>events[{i}]（第 {step} 步的 {name}）</translation>
    </message>
    <message>
        <source>{where}: the events must be in step order (step {step} after step {last})</source>
        <translation>{where}：事件必须按步数顺序排列（第 {step} 步在第 {last} 步之后）</translation>
    </message>
    <message>
        <source>{where}: {optimizer} has no setting {name!r}; it has {known}</source>
        <translation>{where}：{optimizer} 没有设置 {name!r}；它有 {known}</translation>
    </message>
    <message>
        <source>spiral</source>
        <extracomment>name -&gt; (default noise, fixed number of classes or None if ``classes`` applies) each data set&apos;s name in a sentence the window shows (translated there)</extracomment>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>circles</source>
        <translation>同心圆</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>异或（XOR）</translation>
    </message>
    <message>
        <source>blobs</source>
        <translation>团簇</translation>
    </message>
    <message>
        <source>the numerical gradient is 0 only because its nudge h = {h:g} is lost in rounding this far out (θ ± h == θ): no slope can be measured here</source>
        <translation>数值梯度为 0 只是因为在这么远的地方微小改变量 h = {h:g} 被舍入误差吞掉了（θ ± h == θ）：这里无法测出斜率</translation>
    </message>
</context>
<context>
    <name>Animation</name>
    <message>
        <source>there are no recorded steps to animate</source>
        <translation>没有可制作动画的已记录步</translation>
    </message>
    <message>
        <source>frames {frames}: choose from 1 to {most}</source>
        <translation>帧数 {frames}：请在 1 到 {most} 之间选择</translation>
    </message>
    <message>
        <source>the map took too long to compute</source>
        <translation>地图计算耗时过长</translation>
    </message>
    <message>
        <source>loss f(θ)</source>
        <translation>损失 f(θ)</translation>
    </message>
    <message>
        <source>loss of each lane (colours as on the map)</source>
        <translation>各赛道的损失（颜色与地图一致）</translation>
    </message>
    <message>
        <source>step {k} of {n}</source>
        <translation>第 {k} 步，共 {n} 步</translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <source>this map is a projection of a many-parameter model: its path is drawn per snapshot, not per step, and cannot be animated</source>
        <translation>这张地图是多参数模型的投影：路径按快照而不是按步绘制，无法制作动画</translation>
    </message>
    <message>
        <source>there is no map to animate (a many-parameter model: project its path first, or animate a 2-D problem)</source>
        <translation>没有可制作动画的地图（多参数模型：请先投影其路径，或对二维问题制作动画）</translation>
    </message>
    <message>
        <source>{name}: not a gdlab settings file ({why})</source>
        <translation>{name}：不是 gdlab 设置文件（{why}）</translation>
    </message>
    <message>
        <source>{name}: not a gdlab trajectory with its settings ({why})</source>
        <translation>{name}：不是附带设置的 gdlab 轨迹（{why}）</translation>
    </message>
    <message>
        <source>{name}: {problem} has too many parameters for a map (the window projects its path); animations draw 2-D functions and one- or two-parameter models</source>
        <translation>{name}：{problem} 的参数太多，无法画成地图（窗口会投影其路径）；动画只能绘制二维函数和一个或两个参数的模型</translation>
    </message>
    <message>
        <source>{name} has no rows</source>
        <translation>{name} 中没有数据行</translation>
    </message>
    <message>
        <source>{n} lanes</source>
        <translation>{n} 条赛道</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Hide this message</source>
        <translation>隐藏这条消息</translation>
    </message>
    <message>
        <source>&lt;b&gt;{reason}.&lt;/b&gt; The step landed where f has no value (the grey region of the map). Start elsewhere, or lower the learning rate, and press Run (Space).</source>
        <translation>&lt;b&gt;{reason}。&lt;/b&gt;这一步落在了 f 没有定义的地方（地图上的灰色区域）。请换一个起点，或降低学习率，然后按“运行”（空格键）。</translation>
    </message>
    <message>
        <source>the loss became infinite or not a number</source>
        <translation>损失变成了无穷大或非数值</translation>
    </message>
    <message>
        <source>the loss fell below {limit}</source>
        <translation>损失低于 {limit}</translation>
    </message>
    <message>
        <source>the loss grew past {limit}</source>
        <translation>损失超过了 {limit}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Diverged at step {k}:&lt;/b&gt; {what}.</source>
        <translation>&lt;b&gt;在第 {k} 步发散：&lt;/b&gt;{what}。</translation>
    </message>
    <message>
        <source> Each update overshot the minimum by more than it corrected, so the steps grew instead of shrinking.</source>
        <translation>每次更新越过最小值的幅度都大于它的修正，所以步长越来越大，而不是越来越小。</translation>
    </message>
    <message>
        <source>&lt;b&gt;No progress:&lt;/b&gt; {what}.</source>
        <translation>&lt;b&gt;没有进展：&lt;/b&gt;{what}。</translation>
    </message>
    <message>
        <source> Trying smaller learning rates…</source>
        <translation>正在尝试更小的学习率…</translation>
    </message>
    <message>
        <source>Try a smaller learning rate and press Run (Space) to start again.</source>
        <translation>请尝试更小的学习率，然后按“运行”（空格键）重新开始。</translation>
    </message>
    <message>
        <source>Try lr = {lr} and press Run (Space) to start again: it was {reason}.</source>
        <translation>请尝试 lr = {lr}（{reason}），然后按“运行”（空格键）重新开始。</translation>
    </message>
    <message>
        <source>{reason}.</source>
        <translation>{reason}。</translation>
    </message>
    <message>
        <source>{head} {tip}</source>
        <translation>{head}{tip}</translation>
    </message>
</context>
<context>
    <name>Controls</name>
    <message>
        <source>Run or pause</source>
        <translation>运行或暂停</translation>
    </message>
    <message>
        <source>One update</source>
        <translation>更新一次</translation>
    </message>
    <message>
        <source>Back to the start point</source>
        <translation>回到起点</translation>
    </message>
    <message>
        <source>Export the trajectory as CSV</source>
        <translation>将轨迹导出为 CSV</translation>
    </message>
    <message>
        <source>Back to the default view box</source>
        <translation>回到默认的视图范围</translation>
    </message>
    <message>
        <source>Draw x and y to the same scale (1:1), so that steps look perpendicular to the level sets</source>
        <translation>以相同比例（1:1）绘制 x 和 y，使每一步看起来与等高线垂直</translation>
    </message>
    <message>
        <source>Quit gdlab</source>
        <translation>退出 gdlab</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>控制</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>R&amp;eset</source>
        <translation>重置(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Reset &amp;View</source>
        <translation>重置视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Same Scale on Both Axes</source>
        <translation>两轴等比例(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About gdlab</source>
        <translation>关于 gdlab(&amp;A)</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>About gdlab</source>
        <translation>关于 gdlab</translation>
    </message>
    <message>
        <source>A desktop learning lab for gradient descent.</source>
        <translation>一个学习梯度下降法的桌面实验室。</translation>
    </message>
</context>
<context>
    <name>Copy</name>
    <message>
        <source>Copy as &amp;Command Line</source>
        <translation>复制为命令行(&amp;C)</translation>
    </message>
    <message>
        <source>Copy as &amp;Python</source>
        <translation>复制为 Python(&amp;P)</translation>
    </message>
    <message>
        <source>No command line says this race: {why}.</source>
        <translation>没有命令行能表达这场比赛：{why}。</translation>
    </message>
    <message>
        <source>Copied the command line that reproduces this setup (as it is now: it runs from the start).</source>
        <translation>已复制重现当前设置的命令行（按现在的设置：从头开始运行）。</translation>
    </message>
    <message>
        <source>Copied the command line that reproduces this setup.</source>
        <translation>已复制重现当前设置的命令行。</translation>
    </message>
    <message>
        <source>Copied a Python script that runs this setup with gdlab&apos;s engine.</source>
        <translation>已复制用 gdlab 引擎运行当前设置的 Python 脚本。</translation>
    </message>
</context>
<context>
    <name>Curvature</name>
    <message>
        <source>&amp;Curvature</source>
        <translation>曲率(&amp;C)</translation>
    </message>
    <message>
        <source>The Hessian at the current point: the local quadratic model&apos;s ellipse, its eigenvalues and κ, and 2/λmax beside the learning rate</source>
        <translation>当前点的 Hessian 矩阵：局部二次模型的椭圆、它的特征值和 κ，并在学习率旁显示 2/λmax</translation>
    </message>
    <message>
        <source>Curvature at θ: {curvature}</source>
        <translation>θ 处的曲率：{curvature}</translation>
    </message>
    <message>
        <source>  ·  + the model&apos;s minimum (Newton&apos;s next point)</source>
        <translation>  ·  + 为二次模型的最小值（牛顿法的下一个点）</translation>
    </message>
    <message>
        <source>Step {k}: {note}</source>
        <translation>第 {k} 步：{note}</translation>
    </message>
    <message>
        <source>stability limit here: 2/λmax = {limit}</source>
        <translation>此处的稳定上限：2/λmax = {limit}</translation>
    </message>
    <message>
        <source>⚠ lr {lr} &gt; 2/λmax = {limit} at the start: steps overshoot along the steepest direction (zig-zags); where the curvature stays this high, gradient descent diverges.</source>
        <translation>⚠ 起点处 lr {lr} &gt; 2/λmax = {limit}：沿最陡方向每步都会冲过头（来回振荡）；在曲率一直这么大的地方，梯度下降法会发散。</translation>
    </message>
    <message>
        <source>{optimizer} does not step by lr·g: θ next − θ is its step (the lr·g column is gradient descent&apos;s, for comparison).</source>
        <translation>{optimizer} 的步长不是 lr·g：更新后的 θ − θ 才是它实际走的一步（lr·g 一列是梯度下降法的，供对比）。</translation>
    </message>
    <message>
        <source>Line search at step {k}: 1 trial point: {points} — the last accepted.</source>
        <translation>第 {k} 步的线搜索：1 个试探点：{points}——最后一个被接受。</translation>
    </message>
    <message>
        <source>Line search at step {k}: {count} trial points: {points} — the last accepted.</source>
        <translation>第 {k} 步的线搜索：{count} 个试探点：{points}——最后一个被接受。</translation>
    </message>
    <message>
        <source>{count} more, then {points}</source>
        <translation>另有 {count} 个，然后 {points}</translation>
    </message>
</context>
<context>
    <name>DataView</name>
    <message>
        <source>mean |error|</source>
        <extracomment>qualitative class palette (Tableau 10), class c gets PALETTE[c % 10] the errors a line&apos;s title can show (a model lists its own in ``fit_measures``): r = f(x) − y</extracomment>
        <translation>平均 |误差|</translation>
    </message>
    <message>
        <source>no data: a 2-D test function has only its two parameters</source>
        <extracomment>a character of a script written without spaces (CJK): a line may break around it</extracomment>
        <translation>没有数据：二维测试函数只有它的两个参数</translation>
    </message>
    <message>
        <source>class {c}</source>
        <translation>类别 {c}</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>the weights are not finite (diverged)</source>
        <translation>权重不再是有限值（已发散）</translation>
    </message>
    <message>
        <source>training accuracy {percent}%</source>
        <translation>训练准确率 {percent}%</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>Animated GIF</source>
        <translation>GIF 动画</translation>
    </message>
    <message>
        <source>Numbered PNG images (a folder)</source>
        <translation>编号的 PNG 图片（一个文件夹）</translation>
    </message>
    <message>
        <source>Rendering the frames…</source>
        <translation>正在渲染各帧…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>Export animation cancelled: nothing was written.</source>
        <translation>已取消导出动画：没有写入任何文件。</translation>
    </message>
    <message>
        <source>Writing the GIF…</source>
        <translation>正在写入 GIF…</translation>
    </message>
    <message>
        <source>Writing the PNG images…</source>
        <translation>正在写入 PNG 图片…</translation>
    </message>
    <message>
        <source>Wrote {path} ({n} frames).</source>
        <translation>已写入 {path}（{n} 帧）。</translation>
    </message>
    <message>
        <source>Wrote {n} PNG images in {path} ({n} frames).</source>
        <translation>已在 {path} 中写入 {n} 张 PNG 图片（{n} 帧）。</translation>
    </message>
    <message>
        <source>Could not write {path}: {why}. Nothing was written.</source>
        <translation>无法写入 {path}：{why}。没有写入任何文件。</translation>
    </message>
    <message>
        <source>Spread evenly over the {rows} recorded steps (at most one frame per step)</source>
        <translation>均匀分布在已记录的 {rows} 步上（每步最多一帧）</translation>
    </message>
    <message>
        <source>The loss curve beside the map</source>
        <translation>在地图旁显示损失曲线</translation>
    </message>
    <message>
        <source>1× (a slide, ~1060 px wide)</source>
        <translation>1×（幻灯片，约 1060 像素宽）</translation>
    </message>
    <message>
        <source>2× (a large screen; 4× the file size)</source>
        <translation>2×（大屏幕；文件大小为 4 倍）</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Export animation failed</source>
        <translation>导出动画失败</translation>
    </message>
    <message>
        <source>An animation is still being written.</source>
        <translation>仍在写入一个动画。</translation>
    </message>
    <message>
        <source>{path} is not a folder: the PNG images go into a folder</source>
        <translation>{path} 不是文件夹：PNG 图片需要写入一个文件夹</translation>
    </message>
    <message>
        <source>Cannot export the animation</source>
        <translation>无法导出动画</translation>
    </message>
    <message>
        <source>Save animation</source>
        <translation>保存动画</translation>
    </message>
    <message>
        <source>GIF animations (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>Folder for the PNG images</source>
        <translation>PNG 图片的文件夹</translation>
    </message>
    <message>
        <source>Export trajectory</source>
        <translation>导出轨迹</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Replace a file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>{name} exists beside the CSV and gdlab did not write it.
Replace it with this run&apos;s settings?</source>
        <translation>{name} 已存在于 CSV 旁边，且不是 gdlab 写入的。
要用这次运行的设置替换它吗？</translation>
    </message>
    <message>
        <source>Writing {n} rows to {name}…</source>
        <translation>正在向 {name} 写入 {n} 行…</translation>
    </message>
    <message>
        <source>Wrote {path} and {sidecar}</source>
        <translation>已写入 {path} 和 {sidecar}</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>已写入 {path}</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation>已取消导出：没有写入任何文件。</translation>
    </message>
    <message>
        <source>Could not write {path}:
{why}

Nothing was written.</source>
        <translation>无法写入 {path}：
{why}

没有写入任何文件。</translation>
    </message>
    <message>
        <source>Could not write {path}:
{why}</source>
        <translation>无法写入 {path}：
{why}</translation>
    </message>
    <message>
        <source>Could not export to {path}:
{why}</source>
        <translation>无法导出到 {path}：
{why}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>An export is still being written.</source>
        <translation>仍在写入一个导出文件。</translation>
    </message>
</context>
<context>
    <name>Formula</name>
    <message>
        <source>&amp;Gradient Field (−∇f)</source>
        <translation>梯度场（−∇f）(&amp;G)</translation>
    </message>
    <message>
        <source>Arrows of −∇f on a coarse grid: the way each step goes</source>
        <translation>粗网格上 −∇f 的箭头：每一步前进的方向</translation>
    </message>
    <message>
        <source>Looking for minima…</source>
        <translation>正在寻找最小值…</translation>
    </message>
    <message>
        <source>The minima could not be searched.</source>
        <translation>无法搜索最小值。</translation>
    </message>
    <message>
        <source>minima: {why}</source>
        <translation>最小值：{why}</translation>
    </message>
    <message>
        <source>  · … (all in the tooltip)</source>
        <translation>  · …（全部见提示）</translation>
    </message>
    <message>
        <source>1 minimum: {list}</source>
        <translation>1 个最小值：{list}</translation>
    </message>
    <message>
        <source>{n} minima: {list}</source>
        <translation>{n} 个最小值：{list}</translation>
    </message>
    <message>
        <source>Bowl</source>
        <extracomment>(label, formula) offered in the drop-down</extracomment>
        <translation>碗形</translation>
    </message>
    <message>
        <source>Saddle</source>
        <translation>鞍形</translation>
    </message>
    <message>
        <source>Two wells</source>
        <translation>双谷</translation>
    </message>
    <message>
        <source>A log with a hole</source>
        <translation>带洞的对数</translation>
    </message>
    <message>
        <source>Egg crate</source>
        <translation>蛋托</translation>
    </message>
    <message>
        <source>A kink</source>
        <translation>折角</translation>
    </message>
    <message>
        <source>Type your own f(x, y), e.g. (x^2 - 1)^2 + y^2</source>
        <translation>输入你自己的 f(x, y)，例如 (x^2 - 1)^2 + y^2</translation>
    </message>
    <message>
        <source>Your own function of x and y: + − * / ^ (or **), 2x, x², sin cos tan exp log sqrt abs tanh sinh cosh arcsin arccos arctan log10 log2 min(a, b) max(a, b), pi, e. The map follows as you type.</source>
        <translation>你自己的 x、y 的函数：+ − * / ^（或 **）、2x、x²、sin cos tan exp log sqrt abs tanh sinh cosh arcsin arccos arctan log10 log2 min(a, b) max(a, b)、pi、e。地图随输入实时更新。</translation>
    </message>
    <message>
        <source>Examples ▾</source>
        <translation>示例 ▾</translation>
    </message>
    <message>
        <source>The view box of your formula: its map and the search for minima</source>
        <translation>公式的视图范围：决定它的地图和搜索最小值的区域</translation>
    </message>
    <message>
        <source>x from</source>
        <translation>x 从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>y from</source>
        <translation>y 从</translation>
    </message>
    <message>
        <source>{message} — did you mean &lt;b&gt;{suggestion}&lt;/b&gt;?</source>
        <translation>{message}——你是想输入 &lt;b&gt;{suggestion}&lt;/b&gt; 吗？</translation>
    </message>
    <message>
        <source>Column {col}: {message}</source>
        <translation>第 {col} 列：{message}</translation>
    </message>
    <message>
        <source>(the map shows the last valid formula)</source>
        <translation>（地图显示的是上一个有效的公式）</translation>
    </message>
    <message>
        <source>each range needs from &lt; to</source>
        <translation>每个范围都要求“从”小于“到”</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近使用</translation>
    </message>
</context>
<context>
    <name>FormulaGraph</name>
    <message>
        <source>step {k}:  x = {x},  y = {y}</source>
        <translation>第 {k} 步：x = {x}，y = {y}</translation>
    </message>
    <message>
        <source>The formula&apos;s computation graph: each node shows its value and ∂f/∂node, the gradient the backward pass gives it</source>
        <translation>公式的计算图：每个节点显示它的值和 ∂f/∂节点，即反向传播给它的梯度</translation>
    </message>
</context>
<context>
    <name>GradCheck</name>
    <message>
        <source>param</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>parameter array</source>
        <translation>参数数组</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>its shape</source>
        <translation>数组的形状</translation>
    </message>
    <message>
        <source>formula
vs numerical</source>
        <translation>公式
对比数值</translation>
    </message>
    <message>
        <source>max |a − n| / max |n|: the hand-derived (backprop) gradient a against the numerical estimate n, relative</source>
        <translation>max |a − n| / max |n|：手推公式（反向传播）的梯度 a 与数值估计 n 的相对差</translation>
    </message>
    <message>
        <source>graph
vs numerical</source>
        <translation>计算图
对比数值</translation>
    </message>
    <message>
        <source>max |d − n| / max |n|: the computation graph&apos;s gradient d against n</source>
        <translation>max |d − n| / max |n|：计算图求得的梯度 d 与 n 的相对差</translation>
    </message>
    <message>
        <source>formula
vs graph</source>
        <translation>公式
对比计算图</translation>
    </message>
    <message>
        <source>max |a − d|: two exact methods, equal up to rounding (~1e-16)</source>
        <translation>max |a − d|：两种精确方法，只差舍入误差（约 1e-16）</translation>
    </message>
    <message>
        <source>This compares the gradient from the formula and from the computation graph with a numerical estimate (the loss measured a tiny step h either side): they agree (green, below 1e-6) when the gradient the descent follows is right, and a large difference (red) means a bug.</source>
        <translation>这里把公式求得的梯度和计算图求得的梯度，与数值估计（在参数两侧各偏移一个很小的 h 测量损失）作比较：若下降所用的梯度正确，它们就一致（绿色，小于 1e-6）；差别很大（红色）则说明有错误。</translation>
    </message>
    <message>
        <source>agrees with the numerical gradient</source>
        <translation>与数值梯度一致</translation>
    </message>
    <message>
        <source>suspicious: try another h</source>
        <translation>可疑：换一个 h 试试</translation>
    </message>
    <message>
        <source>disagrees: a wrong gradient</source>
        <translation>不一致：梯度有错</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检验</translation>
    </message>
    <message>
        <source>compare the gradients again with this h</source>
        <translation>用这个 h 重新比较梯度</translation>
    </message>
    <message>
        <source>{problem}: checking…</source>
        <translation>{problem}：检验中…</translation>
    </message>
    <message>
        <source>current parameters</source>
        <translation>当前参数</translation>
    </message>
    <message>
        <source>initial weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <source>start point</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>{problem}: at the {where}, h = {h}</source>
        <translation>{problem}：在{where}处，h = {h}</translation>
    </message>
    <message>
        <source>{problem}: at the {where}, all the data, h = {h}</source>
        <translation>{problem}：在{where}处，使用全部数据，h = {h}</translation>
    </message>
    <message>
        <source>{problem}: at the {where}, {n} samples of the first batch, h = {h}</source>
        <translation>{problem}：在{where}处，使用第一批的 {n} 个样本，h = {h}</translation>
    </message>
    <message>
        <source>the check failed: {error}</source>
        <translation>检验失败：{error}</translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
    <message>
        <source>current point (step {k})</source>
        <extracomment>a problem&apos;s ``views`` names -&gt; tab index</extracomment>
        <translation>当前点（第 {k} 步）</translation>
    </message>
</context>
<context>
    <name>Graph</name>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>u = label − ŷ</source>
        <translation>u = 标签 − ŷ</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>value = {value}</source>
        <extracomment>(source, target, tag shown at the target&apos;s input) node -&gt; (column, row). Every edge joins two grid neighbours, so every arrow is a short straight line between facing box sides and never crosses a box.</extracomment>
        <translation>值 = {value}</translation>
    </message>
    <message>
        <source>L = |label − (w·x + b)|</source>
        <translation>L = |标签 − (w·x + b)|</translation>
    </message>
    <message>
        <source>value: forward pass</source>
        <translation>值：正向传播</translation>
    </message>
    <message>
        <source>∂L/∂node: gradient from backward()</source>
        <translation>∂L/∂节点：backward() 求得的梯度</translation>
    </message>
    <message>
        <source>data: constants, no gradient · d|u|/du = sign(u), −1 at u = 0</source>
        <translation>数据：常量，没有梯度 · d|u|/du = sign(u)，u = 0 时取 −1</translation>
    </message>
    <message>
        <source>no gradient</source>
        <translation>无梯度</translation>
    </message>
    <message>
        <source>sample: x = {x}, label = {label}</source>
        <translation>样本：x = {x}，标签 = {label}</translation>
    </message>
    <message>
        <source>step {k}: sample #{i} (first of a batch of {n}), x = {x}, label = {label}</source>
        <translation>第 {k} 步：样本 #{i}（一批 {n} 个中的第一个），x = {x}，标签 = {label}</translation>
    </message>
    <message>
        <source>step {k}: sample #{i}, x = {x}, label = {label}</source>
        <translation>第 {k} 步：样本 #{i}，x = {x}，标签 = {label}</translation>
    </message>
</context>
<context>
    <name>HSweep</name>
    <message>
        <source>At h = {h} the error is {error}; at {tiny} it is {tiny_error}, and in float32 θ ± {tiny} rounds to θ itself: the estimate is 0</source>
        <translation>h = {h} 时误差为 {error}；h = {tiny} 时为 {tiny_error}，而且在 float32 中 θ ± {tiny} 会被舍入成 θ 本身：估计值为 0</translation>
    </message>
    <message>
        <source>At h = {h} the error is {error}; at {tiny} it is {tiny_error}</source>
        <translation>h = {h} 时误差为 {error}；h = {tiny} 时为 {tiny_error}</translation>
    </message>
    <message>
        <source>No truncation error here: the central difference is exact for a quadratic, so only rounding is left (∝ ε/h), and it shrinks as h grows. {at}.</source>
        <translation>这里没有截断误差：对二次函数，中心差分是精确的，只剩下舍入误差（∝ ε/h），它随 h 增大而减小。{at}。</translation>
    </message>
    <message>
        <source>{precision} near {h}</source>
        <translation>{precision} 在 {h} 附近</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>，</translation>
    </message>
    <message>
        <source>{at} ({factor}× larger)</source>
        <translation>{at}（大 {factor} 倍）</translation>
    </message>
    <message>
        <source>The error is smallest for {where}. Right of the dip, truncation (∝ h²): the difference is not the slope. Left of it, rounding (∝ ε/h): f(θ+h) and f(θ−h) share most of their digits and subtracting them loses them. {at}.</source>
        <translation>误差最小处：{where}。谷底右侧是截断误差（∝ h²）：差商还不等于斜率。左侧是舍入误差（∝ ε/h）：f(θ+h) 和 f(θ−h) 的大部分有效数字相同，相减后就丢失了。{at}。</translation>
    </message>
    <message>
        <source>step h</source>
        <translation>步长 h</translation>
    </message>
    <message>
        <source>error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>╌ the check&apos;s h</source>
        <translation>╌ 检验所用的 h</translation>
    </message>
    <message>
        <source>The numerical gradient&apos;s error against h (log-log):</source>
        <translation>数值梯度的误差随 h 的变化（双对数坐标）：</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>{what} (shortcut: {key})</source>
        <extracomment>an action&apos;s tooltip when it has a shortcut (``what`` is its own tip)</extracomment>
        <translation>{what}（快捷键：{key}）</translation>
    </message>
    <message>
        <source>What am I looking at? Explains the {view} in plain words.</source>
        <extracomment>the &quot;?&quot; button of a view</extracomment>
        <translation>这是什么？用浅显的话解释{view}。</translation>
    </message>
    <message>
        <source>What am I looking at? Explains the tab in front in plain words.</source>
        <extracomment>the &quot;?&quot; beside the side tabs</extracomment>
        <translation>这是什么？用浅显的话解释当前显示的标签页。</translation>
    </message>
    <message>
        <source>The optimizer: the rule that turns the gradient into a step. Rest the mouse on a method in the open list to see its update equations.</source>
        <extracomment>tooltips for widgets, by object name; ``{…}`` are filled in by ``help_binding``</extracomment>
        <translation>优化器：把梯度变成一步更新的规则。在展开的列表中把鼠标停在某个方法上，就能看到它的更新公式。</translation>
    </message>
    <message>
        <source>How the gradient is computed: analytic uses the exact derivative, numerical estimates it with a central difference of step h, autodiff runs backpropagation through the computation graph.</source>
        <translation>梯度的计算方式：“解析”用精确的导数；“数值微分”用步长为 h 的中心差分来估计；“自动微分”通过计算图做误差反向传播。</translation>
    </message>
    <message>
        <source>How fast the run is shown: {speeds}. &quot;max&quot; runs as fast as the computer can and redraws at most 60 times a second.</source>
        <translation>运行的显示速度：{speeds}。“最快”让计算机全速运行，每秒最多重绘 60 次。</translation>
    </message>
    <message>
        <source>Ready-made races that make a point, e.g. every optimizer on the same valley. Choosing one replaces the lanes with the preset&apos;s.</source>
        <translation>现成的、能说明问题的比赛，例如所有优化器在同一个山谷中比赛。选择一个预设会用它的赛道替换现有赛道。</translation>
    </message>
    <message>
        <source>Draw the loss on a logarithmic scale, so that 1, 0.01 and 0.0001 are evenly spaced. It turns itself on when the loss spans more than a factor of 100.</source>
        <translation>用对数坐标画损失，使 1、0.01 和 0.0001 等距排列。当损失的跨度超过 100 倍时会自动打开。</translation>
    </message>
    <message>
        <source>Also draw the length of the gradient, ‖∇f‖, on the loss plot: it goes to zero at a minimum.</source>
        <translation>在损失图上同时画出梯度的长度 ‖∇f‖：到达最小值时它趋于零。</translation>
    </message>
    <message>
        <source>Zoom and pan the map back to the problem&apos;s default view (shortcut: {key}).</source>
        <translation>把地图的缩放和平移恢复为该问题的默认视图（快捷键：{key}）。</translation>
    </message>
    <message>
        <source>Formulas to try: choosing one types it into the field and starts a run on it.</source>
        <translation>可以试试的公式：选中一个就会把它填入输入框并开始运行。</translation>
    </message>
    <message>
        <source>Run the sweep: one short run per learning rate, all at once.</source>
        <translation>开始扫描：每个学习率做一次短运行，同时进行。</translation>
    </message>
    <message>
        <source>Run the basin map: one run from every start point of the grid.</source>
        <translation>计算吸引域图：从网格的每个起点各运行一次。</translation>
    </message>
    <message>
        <source>Run the map: one run for every cell of the grid of two settings.</source>
        <translation>计算这张图：两个设置组成的网格中，每个格子运行一次。</translation>
    </message>
    <message>
        <source>Stop the sweep that is being computed.</source>
        <translation>停止正在进行的扫描。</translation>
    </message>
    <message>
        <source>Stop the basin map that is being computed.</source>
        <translation>停止正在计算的吸引域图。</translation>
    </message>
    <message>
        <source>Stop the map that is being computed.</source>
        <translation>停止正在计算的图。</translation>
    </message>
    <message>
        <source>Save the sweep&apos;s numbers as a CSV file.</source>
        <translation>把扫描的数值保存为 CSV 文件。</translation>
    </message>
    <message>
        <source>Save the basin map&apos;s numbers as a CSV file.</source>
        <translation>把吸引域图的数值保存为 CSV 文件。</translation>
    </message>
    <message>
        <source>Save the map&apos;s numbers as a CSV file.</source>
        <translation>把这张图的数值保存为 CSV 文件。</translation>
    </message>
    <message>
        <source>The smallest learning rate of the sweep ({low} … {high}).</source>
        <translation>扫描的最小学习率（{low} … {high}）。</translation>
    </message>
    <message>
        <source>The largest learning rate of the sweep ({low} … {high}).</source>
        <translation>扫描的最大学习率（{low} … {high}）。</translation>
    </message>
    <message>
        <source>The left edge of the region the start points cover ({low} … {high}).</source>
        <translation>起点所覆盖区域的左边界（{low} … {high}）。</translation>
    </message>
    <message>
        <source>The right edge of the region the start points cover ({low} … {high}).</source>
        <translation>起点所覆盖区域的右边界（{low} … {high}）。</translation>
    </message>
    <message>
        <source>The bottom edge of the region the start points cover ({low} … {high}).</source>
        <translation>起点所覆盖区域的下边界（{low} … {high}）。</translation>
    </message>
    <message>
        <source>The top edge of the region the start points cover ({low} … {high}).</source>
        <translation>起点所覆盖区域的上边界（{low} … {high}）。</translation>
    </message>
    <message>
        <source>Also colour the main map by basin, under the contour lines.</source>
        <translation>同时在主地图的等高线下方按吸引域着色。</translation>
    </message>
    <message>
        <source>The setting that varies across the map (left to right).</source>
        <translation>沿横向（从左到右）变化的设置。</translation>
    </message>
    <message>
        <source>The setting that varies up the map (bottom to top).</source>
        <translation>沿纵向（从下到上）变化的设置。</translation>
    </message>
    <message>
        <source>Where the horizontal setting starts ({low} … {high}).</source>
        <translation>横向设置的起始值（{low} … {high}）。</translation>
    </message>
    <message>
        <source>Where the horizontal setting ends ({low} … {high}).</source>
        <translation>横向设置的终止值（{low} … {high}）。</translation>
    </message>
    <message>
        <source>Where the vertical setting starts ({low} … {high}).</source>
        <translation>纵向设置的起始值（{low} … {high}）。</translation>
    </message>
    <message>
        <source>Where the vertical setting ends ({low} … {high}).</source>
        <translation>纵向设置的终止值（{low} … {high}）。</translation>
    </message>
    <message>
        <source>What the colour of each cell shows: the final loss, or how many steps the run needed to reach the tolerance.</source>
        <translation>每个格子的颜色表示什么：最终损失，或运行达到容差所需的步数。</translation>
    </message>
    <message>
        <source>Open a session file saved before: its lanes, settings and view</source>
        <extracomment>tooltips for actions, by the attribute path from the window (``files.openAction``)</extracomment>
        <translation>打开以前保存的会话文件：包括它的赛道、设置和视图</translation>
    </message>
    <message>
        <source>Save every lane, its changes, the view and the open tab to a file</source>
        <translation>把每条赛道、它的改动、视图和当前打开的标签页保存到文件</translation>
    </message>
    <message>
        <source>Open the session gdlab saved by itself the last time it ran</source>
        <translation>打开 gdlab 上次运行时自动保存的会话</translation>
    </message>
    <message>
        <source>Take back the last Reset, Remove, Open Session or Restore Defaults</source>
        <translation>撤销上一次的重置、移除、打开会话或恢复默认设置</translation>
    </message>
    <message>
        <source>Take the trajectories opened from CSV files off the map and the loss plot</source>
        <translation>从地图和损失图上移除从 CSV 文件打开的轨迹</translation>
    </message>
    <message>
        <source>Save the map, the loss plot, a side view or the whole window as a PNG or SVG picture</source>
        <translation>把地图、损失图、侧边视图或整个窗口保存为 PNG 或 SVG 图片</translation>
    </message>
    <message>
        <source>Copy a picture of the map, to paste into slides or notes</source>
        <translation>复制地图的图片，以便粘贴到幻灯片或笔记中</translation>
    </message>
    <message>
        <source>Save the run as an animated GIF or a series of PNG pictures</source>
        <translation>把这次运行保存为 GIF 动画或一系列 PNG 图片</translation>
    </message>
    <message>
        <source>Copy the &apos;gdlab run&apos; or &apos;gdlab race&apos; command that repeats these runs in a terminal</source>
        <translation>复制能在终端中重现这些运行的“gdlab run”或“gdlab race”命令</translation>
    </message>
    <message>
        <source>Copy a short Python script that repeats these runs with gdlab&apos;s engine</source>
        <translation>复制一小段用 gdlab 引擎重现这些运行的 Python 脚本</translation>
    </message>
    <message>
        <source>Make all text and lines larger (for a projector)</source>
        <translation>把所有文字和线条放大（用于投影）</translation>
    </message>
    <message>
        <source>Make all text and lines smaller</source>
        <translation>把所有文字和线条缩小</translation>
    </message>
    <message>
        <source>Text and lines back to their normal size</source>
        <translation>文字和线条恢复正常大小</translation>
    </message>
    <message>
        <source>One lane per optimizer, each at the learning rate suggested for this problem: which gets to the bottom first?</source>
        <extracomment>tooltips of the Presets menu&apos;s entries, by the preset&apos;s key (``views.lanes.PRESETS``)</extracomment>
        <translation>每个优化器一条赛道，各用针对该问题推荐的学习率：谁最先到达谷底？</translation>
    </message>
    <message>
        <source>Three lanes with the learning rate ×0.1, ×1 and ×10: too slow, right, too fast?</source>
        <translation>三条赛道，学习率分别 ×0.1、×1 和 ×10：太慢、正好，还是太快？</translation>
    </message>
    <message>
        <source>Eight lanes starting on a ring around the map: does every start end in the same minimum?</source>
        <translation>八条赛道，起点在地图四周围成一圈：是不是每个起点都到达同一个最小值？</translation>
    </message>
    <message>
        <source>Eight runs with noisy gradients (different seeds), drawn as their mean loss and the band from the lowest to the highest</source>
        <translation>八次带噪声梯度的运行（随机种子不同），画出它们的平均损失，以及从最低到最高的范围带</translation>
    </message>
    <message>
        <source>The keys and mouse moves of gdlab on one page</source>
        <translation>一页看完 gdlab 的按键和鼠标操作</translation>
    </message>
    <message>
        <source>gdlab&apos;s version and what it is for</source>
        <translation>gdlab 的版本和用途</translation>
    </message>
    <message>
        <source>Quick Start</source>
        <translation>快速入门</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Quick Start&lt;/h2&gt;
&lt;p&gt;gdlab shows gradient descent at work. Pick a &lt;b&gt;problem&lt;/b&gt; and an &lt;b&gt;optimizer&lt;/b&gt; in the
Settings panel on the left, then press &lt;b&gt;Run&lt;/b&gt; and watch the path go down the map while the
loss curve falls.&lt;/p&gt;
&lt;h3&gt;Keys&lt;/h3&gt;
{keys}
&lt;p&gt;While you type in a box, Space, → and R go to that box: click a button (e.g. Step) to use
them as shortcuts again.&lt;/p&gt;
&lt;h3&gt;Mouse&lt;/h3&gt;
&lt;table cellpadding=&quot;3&quot;&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Click on the map&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Start the run from that point.&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Wheel&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Zoom in or out of the map or a plot, around the mouse.&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Drag&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Move (pan) the map or a plot.&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;Rest the mouse&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Every button and box says what it does, its range and
its shortcut.&lt;/td&gt;&lt;/tr&gt;
&lt;/table&gt;
&lt;h3&gt;A first experiment&lt;/h3&gt;
&lt;ol&gt;
&lt;li&gt;Choose the problem &quot;Bowl&quot; and the optimizer &quot;SGD&quot;.&lt;/li&gt;
&lt;li&gt;Press &lt;b&gt;Step&lt;/b&gt; (→) a few times and see each step on the map.&lt;/li&gt;
&lt;li&gt;Set the learning rate to 1.1 and press &lt;b&gt;Reset&lt;/b&gt; (R), then &lt;b&gt;Run&lt;/b&gt; (Space): the path
now jumps from side to side and grows.&lt;/li&gt;
&lt;li&gt;Press &lt;b&gt;Add to race&lt;/b&gt;, pick &quot;Adam&quot; and Run: both lanes go side by side.&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;Help ▸ What am I looking at? explains each part of the window; so does the small
&lt;b&gt;?&lt;/b&gt; beside each view.&lt;/p&gt;
</source>
        <extracomment>the Quick Start page: ``{keys}`` is a table made from the actions&apos; own shortcuts</extracomment>
        <translation>&lt;h2&gt;快速入门&lt;/h2&gt;
&lt;p&gt;gdlab 让你看到梯度下降法是怎样工作的。在左侧的“设置”面板中选一个&lt;b&gt;问题&lt;/b&gt;和一个&lt;b&gt;优化器&lt;/b&gt;，然后按&lt;b&gt;运行&lt;/b&gt;：路径沿着地图一路下降，损失曲线随之下落。&lt;/p&gt;
&lt;h3&gt;按键&lt;/h3&gt;
{keys}
&lt;p&gt;在输入框里打字时，空格、→ 和 R 会输入到该框中：点一下任意按钮（例如“单步”），它们就又成为快捷键。&lt;/p&gt;
&lt;h3&gt;鼠标&lt;/h3&gt;
&lt;table cellpadding=&quot;3&quot;&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;点击地图&lt;/b&gt;&lt;/td&gt;&lt;td&gt;从该点开始运行。&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;滚轮&lt;/b&gt;&lt;/td&gt;&lt;td&gt;以鼠标为中心放大或缩小地图或曲线图。&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;拖动&lt;/b&gt;&lt;/td&gt;&lt;td&gt;平移地图或曲线图。&lt;/td&gt;&lt;/tr&gt;
&lt;tr&gt;&lt;td&gt;&lt;b&gt;鼠标悬停&lt;/b&gt;&lt;/td&gt;&lt;td&gt;每个按钮和输入框都会说明它的作用、取值范围和快捷键。&lt;/td&gt;&lt;/tr&gt;
&lt;/table&gt;
&lt;h3&gt;第一个实验&lt;/h3&gt;
&lt;ol&gt;
&lt;li&gt;选择问题“碗形”和优化器“SGD”。&lt;/li&gt;
&lt;li&gt;按几次&lt;b&gt;单步&lt;/b&gt;（→），在地图上看每一步。&lt;/li&gt;
&lt;li&gt;把学习率设为 1.1，按&lt;b&gt;重置&lt;/b&gt;（R），再按&lt;b&gt;运行&lt;/b&gt;（空格）：路径现在左右来回跳，而且越跳越远。&lt;/li&gt;
&lt;li&gt;按&lt;b&gt;加入比赛&lt;/b&gt;，选“Adam”后运行：两条赛道并排前进。&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;帮助 ▸ 这是什么？会解释窗口的每个部分；每个视图旁的小 &lt;b&gt;?&lt;/b&gt; 按钮也一样。&lt;/p&gt;
</translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <extracomment>one row of the keys table</extracomment>
        <translation>这是什么？</translation>
    </message>
    <message>
        <source>What am I looking at? — {view}</source>
        <translation>这是什么？——{view}</translation>
    </message>
    <message>
        <source>map</source>
        <extracomment>&quot;What am I looking at?&quot; per view: its name in the menu and its page</extracomment>
        <translation>地图</translation>
    </message>
    <message>
        <source>&lt;h2&gt;The map&lt;/h2&gt;
&lt;p&gt;The map shows the function being minimised, seen from above. Each contour line joins points
of equal height f(x, y), like the lines of a hiking map; the colours go from dark blue (low) to
yellow (high), as the bar on the right says. The grey around it lies outside the part that was
computed.&lt;/p&gt;
&lt;p&gt;The white square is the start point, the red dot is where the run is now, and the line
between them is the path of the optimizer: one small dot per step. The yellow stars mark the
minima. Gradient descent steps across the contour lines, downhill, so a good path ends on a
star.&lt;/p&gt;
&lt;p&gt;Click the map to start from another point. For a model with one parameter the map is the
loss curve itself, with two it is a contour map over both; with many (a network), when the run
stops the map shows the loss on the plane the path moves in most.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;地图&lt;/h2&gt;
&lt;p&gt;地图是从上往下俯视被最小化的函数。每条等高线连接高度 f(x, y) 相等的点，就像登山地图上的等高线；颜色从深蓝（低）到黄色（高），右侧的色标给出对应的数值。周围的灰色区域在计算范围之外。&lt;/p&gt;
&lt;p&gt;白色方块是起点，红点是运行当前所在的位置，两者之间的线就是优化器走过的路径：每一步一个小点。黄色星星标出最小值。梯度下降法沿下坡方向穿过等高线，所以一条好的路径最后会停在星星上。&lt;/p&gt;
&lt;p&gt;点击地图可以换一个起点。对只有一个参数的模型，地图就是损失曲线本身；有两个参数时，它是两者上的等高线图；参数很多时（神经网络），运行停止后，地图显示路径变化最大的那个平面上的损失。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>loss plot</source>
        <translation>损失图</translation>
    </message>
    <message>
        <source>&lt;h2&gt;The loss plot&lt;/h2&gt;
&lt;p&gt;The loss plot draws the value of the function (the loss) after each step: step number
across, loss up. A curve that falls and flattens means the run is converging; one that shoots
up means the learning rate is too large and the run diverges.&lt;/p&gt;
&lt;p&gt;&quot;log scale&quot; spreads the small values out, so that a fall from 0.01 to 0.0001 is as visible
as one from 1 to 0.01. &quot;show ‖∇f‖&quot; adds the length of the gradient, which goes to zero at a
minimum. With a learning-rate schedule, the rate lr(t) is drawn too.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;损失图&lt;/h2&gt;
&lt;p&gt;损失图画出每一步之后函数的值（损失）：横轴是步数，纵轴是损失。曲线下降并逐渐变平，说明运行正在收敛；曲线向上猛冲，说明学习率太大，运行发散了。&lt;/p&gt;
&lt;p&gt;“对数坐标”把小的数值拉开，使得从 0.01 降到 0.0001 与从 1 降到 0.01 看起来一样明显。“显示 ‖∇f‖”再加上梯度的长度，到达最小值时它趋于零。使用学习率调度时，学习率 lr(t) 也会画出来。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>lanes table</source>
        <translation>赛道表</translation>
    </message>
    <message>
        <source>&lt;h2&gt;The lanes table&lt;/h2&gt;
&lt;p&gt;Each row is a lane: one run with its own optimizer and settings. A single run is a race of
one lane. &quot;Add to race&quot; copies the panel&apos;s settings into a new lane; all lanes step together
on the same map, each in its own colour.&lt;/p&gt;
&lt;p&gt;The columns give each lane&apos;s optimizer, learning rate and start (when the lanes&apos; starts
differ), whether it is running, finished, converged (✓: it stopped where ‖∇f‖ reached the
tolerance) or diverged, its step and its current loss, and once the race has ended its rank. In
a race by ∇f evaluations, &quot;to tol&quot; gives the evaluations a converged lane spent. Click a row to
select that lane: the Settings panel then shows and changes its settings. Right-click the table
to open this page again.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;赛道表&lt;/h2&gt;
&lt;p&gt;每一行是一条赛道：一次有自己的优化器和设置的运行。单独一次运行就是只有一条赛道的比赛。“加入比赛”把面板上的设置复制成一条新赛道；所有赛道在同一张地图上同步前进，各用一种颜色。&lt;/p&gt;
&lt;p&gt;各列依次给出每条赛道的优化器、学习率和起点（各赛道起点不同时），它是在运行、已完成、已收敛（✓：‖∇f‖ 达到容差时它就停下）还是已发散，它的步数和当前损失，以及比赛结束后它的名次。在按 ∇f 计算次数进行的比赛中，“达到容差”一列给出已收敛的赛道所用的计算次数。点击一行即可选中该赛道：“设置”面板随即显示并修改它的设置。在表格上单击右键可以再次打开本页。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>&lt;h2&gt;The timeline&lt;/h2&gt;
&lt;p&gt;The slider at the bottom of the window runs over every step recorded so far. Move it back to
look at an earlier step: the map&apos;s marker, a cursor on the loss curve, the inspector and the
model views all show that step. ← and → move it one step while it has the focus.&lt;/p&gt;
&lt;p&gt;&quot;Latest&quot; follows the run again. &quot;Continue from here&quot; drops the steps after the chosen one
and goes on from it with the current settings: try another learning rate from the same
point.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;时间线&lt;/h2&gt;
&lt;p&gt;窗口底部的滑块覆盖到目前为止记录的每一步。把它往回拖就能查看较早的一步：地图上的标记、损失曲线上的游标、单步详解和模型视图都会显示那一步。滑块获得焦点时，← 和 → 每次移动一步。&lt;/p&gt;
&lt;p&gt;“最新”重新跟随运行。“从这里继续”丢弃所选步之后的步，用当前设置从这一步接着运行：可以从同一点试试另一个学习率。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Inspector tab</source>
        <translation>“单步详解”标签页</translation>
    </message>
    <message>
        <source>&lt;h2&gt;The Inspector tab&lt;/h2&gt;
&lt;p&gt;One update worked out with the run&apos;s own numbers, the way a textbook writes it by hand:
the optimizer&apos;s equations, then the same equations with the values put in, then the result.
For plain gradient descent that is θ₁ = θ₀ − lr·g₀; momentum and Adam show their extra
quantities (velocity, m, v) too.&lt;/p&gt;
&lt;p&gt;It shows the current step while the run goes on, or the step chosen on the timeline. On the
map the step is drawn as an arrow. The text can be selected and copied.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;“单步详解”标签页&lt;/h2&gt;
&lt;p&gt;用这次运行的真实数值把一次更新完整算一遍，就像教科书上手算的那样：先写出优化器的公式，再代入数值，最后得出结果。对普通梯度下降法就是 θ₁ = θ₀ − lr·g₀；动量法和 Adam 还会列出它们额外的量（速度、m、v）。&lt;/p&gt;
&lt;p&gt;运行进行中时它显示当前步，否则显示在时间线上选中的那一步。地图上用箭头画出这一步。其中的文字可以选中并复制。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Steps tab</source>
        <translation>“步骤”标签页</translation>
    </message>
    <message>
        <source>&lt;h2&gt;The Steps tab&lt;/h2&gt;
&lt;p&gt;The numbers of each update, one row per parameter: its value θ, its gradient g = ∂f/∂θ, the
change lr·g and the value after the step. Read it to follow the arithmetic behind each corner
of the path on the map.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;“步骤”标签页&lt;/h2&gt;
&lt;p&gt;每次更新的具体数值，每个参数一行：它的值 θ、它的梯度 g = ∂f/∂θ、变化量 lr·g 以及更新后的值。对照着看，就能弄清地图上路径每个拐角背后的算术。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Data tab</source>
        <translation>“数据”标签页</translation>
    </message>
    <message>
        <source>&lt;h2&gt;The Data tab&lt;/h2&gt;
&lt;p&gt;The data the model learns from, with what the model predicts now: the fitted line for a
regression, the coloured decision regions for a classifier. Watch it improve while the loss
falls.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;“数据”标签页&lt;/h2&gt;
&lt;p&gt;模型学习所用的数据，以及模型现在的预测：回归问题显示拟合出的直线，分类问题显示着色的决策区域。看着损失下降时，它是怎样越变越好的。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Graph tab</source>
        <translation>“计算图”标签页</translation>
    </message>
    <message>
        <source>&lt;h2&gt;The Graph tab&lt;/h2&gt;
&lt;p&gt;ADALINE&apos;s computation graph, loss = |label − (w·x + b)|: each node is one operation with
its value (the forward pass) and its gradient ∂loss/∂node (the backward pass). Backpropagation
passes the gradients from the loss back to w and b along these arrows; the data x and label get
none.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;“计算图”标签页&lt;/h2&gt;
&lt;p&gt;ADALINE 的计算图，损失 L = |标签 − (w·x + b)|：每个节点是一个运算，标有它的值（正向传播）和它的梯度 ∂L/∂节点（反向传播）。误差反向传播沿着这些箭头把梯度从损失传回 w 和 b；数据 x 和标签得不到梯度。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Gradient check tab</source>
        <translation>“梯度检验”标签页</translation>
    </message>
    <message>
        <source>&lt;h2&gt;The Gradient check tab&lt;/h2&gt;
&lt;p&gt;It compares the gradient from the formula (and from the computation graph) with a numerical
estimate, the central difference (f(θ + h) − f(θ − h)) / 2h, one row per parameter. If they
agree to many digits, the gradient code is right.&lt;/p&gt;
&lt;p&gt;The plot shows the estimate&apos;s error for h from 1e-12 to 1: too large an h gives a rough
estimate, too small an h drowns it in rounding errors, which is why h = 1e-4 is used.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;“梯度检验”标签页&lt;/h2&gt;
&lt;p&gt;它把由公式（以及由计算图）求得的梯度，与数值估计——中心差分 (f(θ + h) − f(θ − h)) / 2h——作比较，每个参数一行。如果它们在很多位数上都一致，求梯度的代码就是对的。&lt;/p&gt;
&lt;p&gt;图中画出 h 从 1e-12 到 1 时估计值的误差：h 太大，估计很粗糙；h 太小，估计又被舍入误差淹没。这就是采用 h = 1e-4 的原因。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>formula Graph tab</source>
        <translation>公式的“计算图”标签页</translation>
    </message>
    <message>
        <source>&lt;h2&gt;The formula&apos;s graph&lt;/h2&gt;
&lt;p&gt;The formula you typed, taken apart into its computation graph: x, y and the numbers on the
left, f on the right, each node with its value and its gradient ∂f/∂node at the run&apos;s current
point. gdlab computes the gradient by walking this graph backwards (automatic
differentiation).&lt;/p&gt;</source>
        <translation>&lt;h2&gt;公式的计算图&lt;/h2&gt;
&lt;p&gt;把你输入的公式拆成计算图：左边是 x、y 和常数，右边是 f，每个节点标有它在运行当前点的值和梯度 ∂f/∂节点。gdlab 就是沿着这张图反向走一遍来求梯度的（自动微分）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Maps area</source>
        <translation>“扫描图”区域</translation>
    </message>
    <message>
        <source>&lt;h2&gt;The Maps area&lt;/h2&gt;
&lt;p&gt;Maps run many short runs at once to show what a setting does.&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;Learning rate&lt;/b&gt;: the final loss, and the steps needed to reach the tolerance, against
the learning rate on a log scale. Too small is slow, too large diverges; the best rate lies just
below the edge.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Basins&lt;/b&gt;: each start point coloured by the minimum it ends in, so you see which
valley catches which start.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Hyperparameters&lt;/b&gt;: the final loss over a grid of two settings (e.g. learning rate and
momentum); dark blue is low, so good.&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;Press Compute to make a map. Then click a point of it to copy that setting into the
Settings panel: a learning rate, a start point or a pair of settings.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;“扫描图”区域&lt;/h2&gt;
&lt;p&gt;扫描图同时做许多次短运行，用来展示某个设置的作用。&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;学习率&lt;/b&gt;：最终损失以及达到容差所需的步数随学习率（对数坐标）的变化。太小则慢，太大则发散；最好的学习率就在发散边界的下方。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;吸引域&lt;/b&gt;：每个起点按它最终到达的最小值着色，于是你能看出哪个山谷接住了哪些起点。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;超参数&lt;/b&gt;：在两个设置组成的网格上（例如学习率和动量）的最终损失；深蓝表示低，也就是好。&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;按“计算”生成一张图。然后点击图中的一点，就会把那个设置复制到“设置”面板：一个学习率、一个起点或一对设置。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <extracomment>each view&apos;s access key in the &quot;What am I looking at?&quot; menu</extracomment>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>Imported</name>
    <message>
        <source>Draw a CSV with x, y (and loss, step) columns over the map and the loss plot</source>
        <translation>把含有 x、y 列（可选：损失、步数列）的 CSV 轨迹画在地图和损失图上</translation>
    </message>
    <message>
        <source>Open &amp;Trajectory…</source>
        <extracomment>dark, saturated colours unlike the lanes&apos; (a dashed line over a white halo reads on the map&apos;s dark and light parts alike, and on the loss plot&apos;s white)</extracomment>
        <translation>打开轨迹(&amp;T)…</translation>
    </message>
    <message>
        <source>Re&amp;move Imported Trajectories</source>
        <translation>移除导入的轨迹(&amp;M)</translation>
    </message>
    <message>
        <source>{name} has {n} paths and {drawn} are drawn; at most {most} imported paths are drawn at once (remove some first)</source>
        <translation>{name} 有 {n} 条路径，已画了 {drawn} 条；一次最多画 {most} 条导入的路径（请先移除一些）</translation>
    </message>
    <message>
        <source>Cannot open the trajectory</source>
        <translation>无法打开轨迹</translation>
    </message>
    <message>
        <source>{name} ({n} points)</source>
        <translation>{name}（{n} 个点）</translation>
    </message>
    <message>
        <source>Imported {what}: dashed on the map and the loss plot (File ▸ Remove Imported Trajectories).</source>
        <translation>已导入 {what}：以虚线画在地图和损失图上（文件 ▸ 移除导入的轨迹）。</translation>
    </message>
    <message>
        <source>Open trajectory</source>
        <translation>打开轨迹</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the explanation as plain text</source>
        <translation>把这段讲解复制为纯文本</translation>
    </message>
    <message>
        <source>Run or step to see an update worked out with its numbers.</source>
        <translation>点“运行”或“单步”，就能看到一次更新代入实际数值的完整计算。</translation>
    </message>
    <message>
        <source>Could not work out step {k}: {error}</source>
        <translation>无法算出第 {k} 步：{error}</translation>
    </message>
    <message>
        <source>Working out step {k}…</source>
        <translation>正在计算第 {k} 步……</translation>
    </message>
</context>
<context>
    <name>Lanes</name>
    <message>
        <source>lane</source>
        <translation>赛道</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>to tol</source>
        <translation>达到容差</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>All optimizers (each at its suggested rate)</source>
        <translation>所有优化器（各用推荐的学习率）</translation>
    </message>
    <message>
        <source>Learning rates ×0.1, ×1, ×10</source>
        <translation>学习率 ×0.1、×1、×10</translation>
    </message>
    <message>
        <source>8 start points around the problem&apos;s box</source>
        <translation>问题区域周围的 8 个起点</translation>
    </message>
    <message>
        <source>Noisy sample paths (8 seeds, mean loss and min–max band)</source>
        <translation>带噪声的样本路径（8 个随机种子，平均损失和最小–最大带）</translation>
    </message>
    <message>
        <source>ready</source>
        <extracomment>a run&apos;s status (the engine&apos;s and the session&apos;s identifiers) as the table writes it</extracomment>
        <translation>就绪</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>已收敛</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>undefined</source>
        <translation>无定义</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>比赛</translation>
    </message>
    <message>
        <source>Add to race</source>
        <translation>加入比赛</translation>
    </message>
    <message>
        <source>Race full</source>
        <translation>比赛已满</translation>
    </message>
    <message>
        <source>Add the panel&apos;s settings as a new lane: every lane runs in lock-step on the same map</source>
        <translation>把面板的设置加为一条新赛道：所有赛道在同一张地图上同步前进</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected lane</source>
        <translation>移除选中的赛道</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Budget and rank by ∇f evaluations</source>
        <translation>按 ∇f 计算次数分配预算和排名</translation>
    </message>
    <message>
        <source>Every lane gets as many ∇f evaluations as plain gradient descent spends on the step budget, so a line search (several a step) ends sooner; &quot;to tol&quot; then counts evaluations</source>
        <translation>每条赛道可用的 ∇f 计算次数与普通梯度下降法在步数预算内用的一样多，因此线搜索（每步要算好几次）会更早结束；这时“达到容差”一列统计的是计算次数</translation>
    </message>
    <message>
        <source>Auto-tune</source>
        <translation>自动调参</translation>
    </message>
    <message>
        <source>Set each lane&apos;s learning rate to the best of a log-spaced sweep for its optimizer, problem and start</source>
        <translation>对每条赛道的优化器、问题和起点做一次对数间隔的学习率扫描，并把学习率设为其中最好的</translation>
    </message>
    <message>
        <source>The lanes of the race: select one to see and edit its settings in the panel. A lane stops where ‖∇f‖ ≤ tolerance (✓ converged). &quot;to tol&quot;, in a race by ∇f evaluations: the evaluations it spent until then.</source>
        <translation>比赛的各条赛道：选中一条即可在面板中查看和修改它的设置。赛道在 ‖∇f‖ ≤ 容差处停下（✓ 已收敛）。“达到容差”（按 ∇f 计算次数进行的比赛）：到那时为止所用的计算次数。</translation>
    </message>
    <message>
        <source>{how} ({evals} ∇f evaluations)</source>
        <translation>{how}（∇f 计算 {evals} 次）</translation>
    </message>
    <message>
        <source>converged at step {k}</source>
        <translation>在第 {k} 步收敛</translation>
    </message>
    <message>
        <source>diverged at step {k}</source>
        <translation>在第 {k} 步发散</translation>
    </message>
    <message>
        <source>loss {loss} after {k} steps</source>
        <translation>{k} 步后损失为 {loss}</translation>
    </message>
    <message>
        <source>lane {number} ({optimizer}, lr {lr}): {how}</source>
        <translation>赛道 {number}（{optimizer}，lr {lr}）：{how}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Leaderboard&lt;/b&gt;: steps to tolerance, then final loss</source>
        <translation>&lt;b&gt;排行榜&lt;/b&gt;：先比达到容差的步数，再比最终损失</translation>
    </message>
    <message>
        <source>&lt;b&gt;Leaderboard&lt;/b&gt;: ∇f evaluations to tolerance, then final loss</source>
        <translation>&lt;b&gt;排行榜&lt;/b&gt;：先比达到容差的 ∇f 计算次数，再比最终损失</translation>
    </message>
    <message>
        <source>{head} (all {n} ranked in the table)</source>
        <translation>{head}（全部 {n} 条的名次见表格）</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>Language</source>
        <extracomment>the notice of a new choice, said in the current and the chosen language</extracomment>
        <translation>语言</translation>
    </message>
    <message>
        <source>The window speaks {language} from the next start.</source>
        <translation>下次启动时，窗口将使用{language}。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>Language of the window (from the next start)</source>
        <translation>窗口的语言（下次启动时生效）</translation>
    </message>
    <message>
        <source>Follow the system&apos;s language</source>
        <translation>跟随系统的语言</translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <source>Show the answer</source>
        <translation>显示答案</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>先预测</translation>
    </message>
    <message>
        <source>Set this up</source>
        <translation>照此设置</translation>
    </message>
    <message>
        <source>What to look for</source>
        <translation>观察要点</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <source>page {i} of {n}</source>
        <translation>第 {i} 页，共 {n} 页</translation>
    </message>
    <message>
        <source>Hide the answer</source>
        <translation>隐藏答案</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Le&amp;ssons</source>
        <translation>课程(&amp;S)</translation>
    </message>
    <message>
        <source>Open this lesson in the Lessons panel: read, predict, then set it up</source>
        <translation>在课程面板中打开这一课：阅读、先预测，再设置</translation>
    </message>
    <message>
        <source>(no lessons found)</source>
        <translation>（没有找到课程）</translation>
    </message>
    <message>
        <source>Open Lesson &amp;File…</source>
        <translation>打开课程文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Open Lesson File…</source>
        <translation>打开课程文件…</translation>
    </message>
    <message>
        <source>Open a lesson file (.toml) written by a teacher</source>
        <translation>打开老师编写的课程文件（.toml）</translation>
    </message>
    <message>
        <source>Could not open the lesson</source>
        <translation>无法打开课程</translation>
    </message>
    <message>
        <source>Lessons (*.toml);;All files (*)</source>
        <translation>课程 (*.toml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Set up for the lesson page “{title}” (Undo: Ctrl+Z)</source>
        <translation>课程：已设置“{title}”（撤销：Ctrl+Z）</translation>
    </message>
</context>
<context>
    <name>LossPane</name>
    <message>
        <source>log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>show ‖∇f‖</source>
        <translation>显示 ‖∇f‖</translation>
    </message>
    <message>
        <source>Loss curve</source>
        <translation>损失曲线</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
</context>
<context>
    <name>Maps</name>
    <message>
        <source>Maps</source>
        <translation>图谱</translation>
    </message>
    <message>
        <source>&amp;Maps</source>
        <translation>图谱(&amp;M)</translation>
    </message>
    <message>
        <source>Maps: sweep the learning rate, map basins and hyperparameters</source>
        <translation>图谱：扫描学习率，绘制吸引域和超参数图</translation>
    </message>
    <message>
        <source>start = ({x}, {y})</source>
        <translation>起点 = ({x}, {y})</translation>
    </message>
    <message>
        <source>From the map: {settings}</source>
        <translation>来自图谱：{settings}</translation>
    </message>
    <message>
        <source>x axis</source>
        <translation>x 轴</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>y axis</source>
        <translation>y 轴</translation>
    </message>
    <message>
        <source>final loss (log)</source>
        <translation>最终损失（对数）</translation>
    </message>
    <message>
        <source>steps to tolerance</source>
        <extracomment>Okabe–Ito, colour-blind safe, for the minima a basin map finds (cycled beyond 7)</extracomment>
        <translation>达到容差的步数</translation>
    </message>
    <message>
        <source>Grid n×n</source>
        <translation>网格 n×n</translation>
    </message>
    <message>
        <source>Cells per side</source>
        <translation>每边的格数</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>{label} ({name})</source>
        <translation>{label}（{name}）</translation>
    </message>
    <message>
        <source>{label} (diverged everywhere)</source>
        <translation>{label}（处处发散）</translation>
    </message>
    <message>
        <source>{label} (none reached it)</source>
        <translation>{label}（都没有达到）</translation>
    </message>
    <message>
        <source>{nx}×{ny} runs × {steps} steps of {optimizer}: + the current setting, ○ the best; dark = diverged (or, for steps, tolerance not reached). Click to use a cell.</source>
        <translation>{nx}×{ny} 次运行 × {steps} 步 {optimizer}：+ 为当前设置，○ 为最佳；深色 = 发散（若显示步数，则为未达到容差）。点击格子即可采用它的设置。</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Stale:&lt;/b&gt; the settings changed since this map was computed. Press Compute to compute it again.</source>
        <translation>&lt;b&gt;已过时：&lt;/b&gt;计算这张图之后设置已改变。按“计算”重新计算。</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Could not compute the map:&lt;/b&gt; {error}</source>
        <translation>&lt;b&gt;无法计算这张图：&lt;/b&gt;{error}</translation>
    </message>
    <message>
        <source>Cancelled: nothing was changed.</source>
        <translation>已取消：没有任何改动。</translation>
    </message>
    <message>
        <source>Export the map</source>
        <translation>导出这张图</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <source>Wrote {path}.</source>
        <translation>已写入 {path}。</translation>
    </message>
    <message>
        <source>Steps of each run in the map (1 … {max})</source>
        <translation>图中每次运行的步数（1 … {max}）</translation>
    </message>
    <message>
        <source>log₁₀ final loss</source>
        <translation>log₁₀ 最终损失</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>个数</translation>
    </message>
    <message>
        <source>Rates in the sweep</source>
        <translation>扫描的学习率个数</translation>
    </message>
    <message>
        <source>final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>current lr</source>
        <translation>当前 lr</translation>
    </message>
    <message>
        <source>{rates} rates × {steps} steps of {optimizer} on {problem}.</source>
        <translation>{rates} 个学习率 × {steps} 步 {optimizer}，问题 {problem}。</translation>
    </message>
    <message>
        <source>Best: lr {lr}.</source>
        <translation>最佳：lr {lr}。</translation>
    </message>
    <message>
        <source>Shaded: diverged (from lr {lr}).</source>
        <translation>阴影：发散（从 lr {lr} 起）。</translation>
    </message>
    <message>
        <source>Click to use a rate.</source>
        <translation>点击即可采用该学习率。</translation>
    </message>
    <message>
        <source>x from</source>
        <translation>x 从</translation>
    </message>
    <message>
        <source>y from</source>
        <translation>y 从</translation>
    </message>
    <message>
        <source>Start points per side</source>
        <translation>每边的起点数</translation>
    </message>
    <message>
        <source>over the main map</source>
        <translation>叠加到主地图</translation>
    </message>
    <message>
        <source>Opacity of the basins over the main map</source>
        <translation>吸引域叠加在主地图上的不透明度</translation>
    </message>
    <message>
        <source>{point} found</source>
        <translation>{point}（新找到）</translation>
    </message>
    <message>
        <source>no minimum</source>
        <translation>未到最小值</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>undefined</source>
        <translation>无定义</translation>
    </message>
    <message>
        <source>1 minimum found for the formula</source>
        <translation>为该公式找到 1 个最小值</translation>
    </message>
    <message>
        <source>{n} minima found for the formula</source>
        <translation>为该公式找到 {n} 个最小值</translation>
    </message>
    <message>
        <source>1 known minimum</source>
        <translation>1 个已知最小值</translation>
    </message>
    <message>
        <source>{n} known minima</source>
        <translation>{n} 个已知最小值</translation>
    </message>
    <message>
        <source>{nx}×{ny} starts × {steps} steps of {optimizer}: {minima} (★), darker = more steps. Click to start there.</source>
        <translation>{nx}×{ny} 个起点 × {steps} 步 {optimizer}：{minima}（★），颜色越深步数越多。点击即可从该处出发。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Basins</source>
        <translation>吸引域</translation>
    </message>
    <message>
        <source>Hyperparameters</source>
        <translation>超参数</translation>
    </message>
</context>
<context>
    <name>ModelViews</name>
    <message>
        <source>Inspector</source>
        <translation>单步详解</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>could not draw the regions: {error}</source>
        <translation>无法绘制分类区域：{error}</translation>
    </message>
</context>
<context>
    <name>Numbers</name>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>not a whole number</source>
        <translation>不是整数</translation>
    </message>
    <message>
        <source>out of range [{low}, {high}]</source>
        <translation>超出范围 [{low}, {high}]</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>“{typed}” is {why}: the value stays {value} until this is fixed.</source>
        <translation>“{typed}”{why}：在改正之前，值保持为 {value}。</translation>
    </message>
    <message>
        <source> The arrows multiply or divide it by 10.</source>
        <translation>箭头按钮将其乘以或除以 10。</translation>
    </message>
    <message>
        <source>{label}: {help}. Range {low} … {high}; default {default}. Type any number, e.g. 1e-8.</source>
        <translation>{label}：{help}。范围 {low} … {high}；默认 {default}。可以输入任意数字，例如 1e-8。</translation>
    </message>
    <message>
        <source>{label}: {help}. Default {default}.</source>
        <translation>{label}：{help}。默认：{default}。</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>{label}: {help}. One of {choices}; default {default}.</source>
        <translation>{label}：{help}。可选 {choices}；默认 {default}。</translation>
    </message>
    <message>
        <source>{label}: {help}. Range {low} … {high}; default {default}.</source>
        <translation>{label}：{help}。范围 {low} … {high}；默认 {default}。</translation>
    </message>
</context>
<context>
    <name>Options</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <source>2 steps/s</source>
        <translation>2 步/秒</translation>
    </message>
    <message>
        <source>10 steps/s</source>
        <translation>10 步/秒</translation>
    </message>
    <message>
        <source>50 steps/s</source>
        <translation>50 步/秒</translation>
    </message>
    <message>
        <source>250 steps/s</source>
        <translation>250 步/秒</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Your own formula</source>
        <translation>自己的公式</translation>
    </message>
    <message>
        <source>Type f(x, y) in the field above the map</source>
        <translation>在地图上方的输入框中输入 f(x, y)</translation>
    </message>
    <message>
        <source>Start ({names})</source>
        <translation>起点 ({names})</translation>
    </message>
    <message>
        <source>Tip: click the map to choose the start point.</source>
        <translation>提示：点击地图即可选择起点。</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate, logarithmic: {low} … {high}</source>
        <translation>学习率（对数刻度）：{low} … {high}</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Step budget: number of updates ({low} … {high}; 1e6 works too). Raise it after a run finishes to continue.</source>
        <translation>步数上限：更新的次数（{low} … {high}；也可以输入 1e6）。运行结束后调高它即可继续。</translation>
    </message>
    <message>
        <source>analytic</source>
        <translation>解析</translation>
    </message>
    <message>
        <source>numerical</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>numerical (central difference)</source>
        <translation>数值微分（中心差分）</translation>
    </message>
    <message>
        <source>autodiff</source>
        <translation>自动微分</translation>
    </message>
    <message>
        <source>autodiff (computation graph)</source>
        <translation>自动微分（计算图）</translation>
    </message>
    <message>
        <source>Gradient noise σ: each step&apos;s gradient gets seeded N(0, σ²I) noise added (0 … {most}; 0 = none)</source>
        <translation>梯度噪声 σ：每一步的梯度都加上带种子的 N(0, σ²I) 噪声（0 … {most}；0 = 无噪声）</translation>
    </message>
    <message>
        <source>Noise seed: the same seed gives the same noisy run</source>
        <translation>噪声种子：相同的种子得到相同的带噪运行</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>容差</translation>
    </message>
    <message>
        <source>Noise σ</source>
        <translation>噪声 σ</translation>
    </message>
    <message>
        <source>Start coordinate (−1e6 … 1e6)</source>
        <translation>起点坐标（−1e6 … 1e6）</translation>
    </message>
    <message>
        <source>Start: {start}</source>
        <translation>起点：{start}</translation>
    </message>
    <message>
        <source>{method} is for the 2-D functions</source>
        <translation>{method} 只适用于二维函数</translation>
    </message>
</context>
<context>
    <name>PathPane</name>
    <message>
        <source>Project path</source>
        <translation>投影路径</translation>
    </message>
    <message>
        <source>Project the parameters&apos; path on its two principal directions and draw the loss on that plane</source>
        <translation>把参数的路径投影到它的两个主方向上，并画出该平面上的损失</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
</context>
<context>
    <name>Pictures</name>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Loss plot</source>
        <translation>损失图</translation>
    </message>
    <message>
        <source>Side view (the open tab)</source>
        <translation>侧边视图（当前打开的标签页）</translation>
    </message>
    <message>
        <source>Whole window</source>
        <translation>整个窗口</translation>
    </message>
    <message>
        <source>the PNG could not be encoded</source>
        <translation>无法编码 PNG</translation>
    </message>
    <message>
        <source>{name}: name the image *.png or *.svg</source>
        <translation>{name}：图片名须以 .png 或 .svg 结尾</translation>
    </message>
    <message>
        <source>Export image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>{scale}× (screen)</source>
        <translation>{scale}×（屏幕）</translation>
    </message>
    <message>
        <source>{scale}× (sharp on a slide)</source>
        <translation>{scale}×（幻灯片上清晰）</translation>
    </message>
    <message>
        <source>Picture of</source>
        <translation>图片内容</translation>
    </message>
    <message>
        <source>PNG size</source>
        <translation>PNG 尺寸</translation>
    </message>
    <message>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <source>Save SVG…</source>
        <translation>保存 SVG…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Export &amp;Image…</source>
        <translation>导出图片(&amp;I)…</translation>
    </message>
    <message>
        <source>Copy &amp;Image of the Map</source>
        <translation>复制地图图片(&amp;I)</translation>
    </message>
    <message>
        <source>Export A&amp;nimation…</source>
        <translation>导出动画(&amp;N)…</translation>
    </message>
    <message>
        <source>Copied a picture: {what} ({width}×{height} pixels).</source>
        <translation>已复制图片：{what}（{width}×{height} 像素）。</translation>
    </message>
    <message>
        <source>Save image</source>
        <translation>保存图片</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>Image not saved</source>
        <translation>图片未保存</translation>
    </message>
    <message>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
</context>
<context>
    <name>Plots</name>
    <message>
        <source>log₁₀(f − min f)</source>
        <extracomment>the map beyond the problem&apos;s box (a 1:1 view padded to its shape, a zoom out): neutral grey instead of colours that saturate there, so only the box shows the colour scale</extracomment>
        <translation>log₁₀(f − min f)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Press Run (Space), or Step (→) for one update</source>
        <extracomment>the loss plot&apos;s words</extracomment>
        <translation>按“运行”（空格），或按“单步”（→）做一次更新</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss unchanged in 1 step</source>
        <translation>1 步内损失没有变化</translation>
    </message>
    <message>
        <source>loss unchanged in {n} steps</source>
        <translation>{n} 步内损失没有变化</translation>
    </message>
    <message>
        <source>loss fell by {rel}% in 1 step</source>
        <translation>1 步内损失下降了 {rel}%</translation>
    </message>
    <message>
        <source>loss fell by {rel}% in {n} steps</source>
        <translation>{n} 步内损失下降了 {rel}%</translation>
    </message>
    <message>
        <source>loss rose by {rel}% in 1 step</source>
        <translation>1 步内损失上升了 {rel}%</translation>
    </message>
    <message>
        <source>loss rose by {rel}% in {n} steps</source>
        <translation>{n} 步内损失上升了 {rel}%</translation>
    </message>
    <message>
        <source>━━ loss f(θ)</source>
        <translation>━━ 损失 f(θ)</translation>
    </message>
    <message>
        <source>━━ each lane&apos;s loss (map colours)</source>
        <translation>━━ 各赛道的损失（颜色同地图）</translation>
    </message>
    <message>
        <source>━━ mean loss</source>
        <translation>━━ 平均损失</translation>
    </message>
    <message>
        <source>▮ min–max of the sample paths</source>
        <translation>▮ 样本路径的最小–最大范围</translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>&amp;Presentation</source>
        <extracomment>a screen narrower than this presents without the settings (View ▸ Settings shows them): at 800 × 600 they left the map ~200 px the greys of secondary text, black in presentation mode (contrast for a projector)</extracomment>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen, large text, thick lines, high contrast</source>
        <translation>全屏、大字、粗线、高对比度</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>设置(&amp;T)</translation>
    </message>
    <message>
        <source>Show or hide the settings (a narrow screen presents without them)</source>
        <translation>显示或隐藏设置（屏幕较窄时，演示模式不显示设置）</translation>
    </message>
</context>
<context>
    <name>Race</name>
    <message>
        <source>Auto-tune: sweeping the learning rate of 1 lane…</source>
        <translation>自动调参：正在扫描 1 条赛道的学习率…</translation>
    </message>
    <message>
        <source>Auto-tune: sweeping the learning rate of {n} lanes…</source>
        <translation>自动调参：正在扫描 {n} 条赛道的学习率…</translation>
    </message>
    <message>
        <source>Auto-tune: {done}</source>
        <translation>自动调参：{done}</translation>
    </message>
    <message>
        <source>The lanes changed while auto-tune ran: nothing applied; press Auto-tune again.</source>
        <translation>自动调参期间赛道发生了变化：未应用任何结果；请再按一次“自动调参”。</translation>
    </message>
    <message>
        <source>Auto-tuned learning rates (lane optimizer lr): {rates}</source>
        <translation>自动调好的学习率（赛道 优化器 lr）：{rates}</translation>
    </message>
    <message>
        <source>kept as they are: {lanes} (they step one run at a time; their lr scales their own step)</source>
        <translation>保持不变：{lanes}（它们一次只能步进一个运行；它们的 lr 缩放的是自身的步长）</translation>
    </message>
    <message>
        <source>Auto-tune: {why}</source>
        <translation>自动调参：{why}</translation>
    </message>
    <message>
        <source>Noisy sample paths need gradient noise: σ set to {sigma} (change it in the Run group).</source>
        <translation>带噪样本路径需要梯度噪声：σ 已设为 {sigma}（可在“运行”组中修改）。</translation>
    </message>
    <message>
        <source>{n} lanes share {rows} stored rows: the step budget is now {steps}.</source>
        <translation>{n} 条赛道共享 {rows} 行存储：步数上限现在是 {steps}。</translation>
    </message>
    <message>
        <source>A race has at most {most} lanes: remove one first.</source>
        <extracomment>a colour-blind-safe qualitative palette of mid-light colours, the first eight from Okabe–Ito&apos;s and Paul Tol&apos;s (https://personal.sron.nl/~pault/), the last four chosen to stand farthest from them: each reads on white (contrast ≥ 3:1: the loss plot, the legend, the table) and on the map&apos;s darkest viridis (≥ 2.4:1; on its light parts the lanes&apos; dark halo outlines them), and any two differ by ΔE ≥ 18 in CIELAB, ≥ 12 under simulated deuteranopia and protanopia (no yellow or sky blue: they vanish on white). Twelve hues that far apart for every eye do not exist at one lightness: the lane&apos;s number (legend, table, end marks) tells them apart.</extracomment>
        <translation>一场比赛最多 {most} 条赛道：请先移除一条。</translation>
    </message>
    <message>
        <source>Every lane of a race runs the same problem: choose the race&apos;s problem again, or remove the other lanes first.</source>
        <translation>比赛的每条赛道都运行同一个问题：请重新选择比赛的问题，或先移除其他赛道。</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>no scheduler</source>
        <extracomment>what each schedule is in torch, for its tooltip</extracomment>
        <translation>不用调度器</translation>
    </message>
    <message>
        <source>OneCycleLR, total_steps = the step budget, cycle_momentum=False</source>
        <translation>OneCycleLR，total_steps = 步数上限，cycle_momentum=False</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>How the learning rate changes along the run: the rate of update k+1 is lr_k, computed from the learning rate above.</source>
        <translation>学习率在运行中如何变化：第 k+1 次更新的学习率是 lr_k，由上面的学习率算出。</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>到上限</translation>
    </message>
</context>
<context>
    <name>Sessions</name>
    <message>
        <source>gdlab sessions (*{suffix})</source>
        <extracomment>a session file names the open tab in English whatever the window&apos;s language</extracomment>
        <translation>gdlab 会话 (*{suffix})</translation>
    </message>
    <message>
        <source>&amp;Open Session…</source>
        <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save Session…</source>
        <translation>保存会话(&amp;S)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Recover &amp;Autosave</source>
        <translation>恢复自动保存(&amp;A)</translation>
    </message>
    <message>
        <source>Restore &amp;Defaults</source>
        <translation>恢复默认设置(&amp;D)</translation>
    </message>
    <message>
        <source>The settings of &apos;gdlab run&apos; without flags, one lane</source>
        <translation>“gdlab run”不带参数时的设置，一条赛道</translation>
    </message>
    <message>
        <source>Saved the session to {path}</source>
        <translation>会话已保存到 {path}</translation>
    </message>
    <message>
        <source>the window races at most {most} lanes, this session has {n} (&apos;gdlab race&apos; runs more)</source>
        <translation>窗口最多比赛 {most} 条赛道，这个会话有 {n} 条（“gdlab race”可以运行更多）</translation>
    </message>
    <message>
        <source>Could not open the session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>{name} can&apos;t be opened:

{field}: {problem}

Nothing was changed.</source>
        <translation>无法打开 {name}：

{field}：{problem}

没有做任何更改。</translation>
    </message>
    <message>
        <source>Opened {name}. {note}</source>
        <translation>已打开 {name}。{note}</translation>
    </message>
    <message>
        <source>Opened {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Could not save the session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>;;All files (*)</source>
        <translation>;;所有文件 (*)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>Undid {what}.</source>
        <translation>已撤销“{what}”。</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>撤销“{what}”(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Restored the defaults of &apos;gdlab run&apos; (Undo: Ctrl+Z).</source>
        <translation>已恢复“gdlab run”的默认设置（撤销：Ctrl+Z）。</translation>
    </message>
    <message>
        <source>Could not autosave to {path}: {why}</source>
        <translation>无法自动保存到 {path}：{why}</translation>
    </message>
    <message>
        <source>Recover the last session?</source>
        <translation>恢复上次的会话？</translation>
    </message>
    <message>
        <source>gdlab did not close normally last time. Open the session it saved automatically?</source>
        <translation>gdlab 上次没有正常关闭。要打开它自动保存的会话吗？</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>undefined</source>
        <translation>无定义</translation>
    </message>
    <message>
        <source>ready</source>
        <extracomment>a run&apos;s state as the status bar says it</extracomment>
        <translation>就绪</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>已收敛</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>{seconds} s/step</source>
        <translation>{seconds} 秒/步</translation>
    </message>
    <message>
        <source>{rate} steps/s</source>
        <translation>{rate} 步/秒</translation>
    </message>
    <message>
        <source>undefined at step {k}: {why}</source>
        <translation>在第 {k} 步无定义：{why}</translation>
    </message>
    <message>
        <source>undefined at step {k}</source>
        <translation>在第 {k} 步无定义</translation>
    </message>
    <message>
        <source>converged at step {k}</source>
        <translation>在第 {k} 步收敛</translation>
    </message>
    <message>
        <source>diverged at step {k}</source>
        <translation>在第 {k} 步发散</translation>
    </message>
    <message>
        <source>batch accuracy {accuracy}</source>
        <translation>批准确率 {accuracy}</translation>
    </message>
    <message>
        <source>Step {k} of {steps}</source>
        <translation>第 {k} 步，共 {steps} 步</translation>
    </message>
    <message>
        <source>Showing step {k} (the run is at step {now} of {steps})</source>
        <translation>显示第 {k} 步（运行在第 {now} / {steps} 步）</translation>
    </message>
    <message>
        <source>lane {number} of {lanes}</source>
        <translation>赛道 {number}/{lanes}</translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation>损失 {loss}</translation>
    </message>
</context>
<context>
    <name>StepBinding</name>
    <message>
        <source>lane {number} · {label}</source>
        <extracomment>a 2-D objective&apos;s step replayed in the GUI thread from at most this many steps past its checkpoint (~3 ms); farther (a long run&apos;s checkpoints are up to thousands of steps apart: 25 ms and more at every frame), on a pool thread as a model&apos;s</extracomment>
        <translation>赛道 {number} · {label}</translation>
    </message>
</context>
<context>
    <name>StepMarks</name>
    <message>
        <source>⇢ −lr·g</source>
        <translation>⇢ −lr·g</translation>
    </message>
    <message>
        <source>→ step taken</source>
        <translation>→ 实际的一步</translation>
    </message>
    <message>
        <source>(drawn ×{factor})</source>
        <translation>（放大 ×{factor} 绘制）</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>param</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>θ next</source>
        <translation>更新后的 θ</translation>
    </message>
    <message>
        <source>Each update moves θ against its gradient g. Plain gradient descent takes θ next = θ − lr·g exactly; momentum and the adaptive methods scale the step their own way.</source>
        <translation>每次更新都让 θ 逆着梯度 g 移动。普通梯度下降法正好走 −lr·g 这一步（更新后的 θ = θ − lr·g）；动量法和自适应方法则按各自的方式缩放这一步。</translation>
    </message>
</context>
<context>
    <name>Surface</name>
    <message>
        <source>A network has too many parameters to draw its loss surface directly. Press Run: when the run stops, its path is projected on its two principal directions and the loss is drawn on that plane.</source>
        <translation>神经网络的参数太多，无法直接画出损失曲面。请按“运行”：运行停止后，路径会投影到它的两个主方向上，并在这个平面上画出损失。</translation>
    </message>
    <message>
        <source>Drawing the loss surface…</source>
        <translation>正在绘制损失曲面…</translation>
    </message>
    <message>
        <source>Projecting the path on its principal plane…</source>
        <translation>正在把路径投影到主平面上…</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>step {k:,} (latest)</source>
        <translation>第 {k:,} 步（最新）</translation>
    </message>
    <message>
        <source>step {k:,} of {n:,}</source>
        <translation>第 {k:,} 步，共 {n:,} 步</translation>
    </message>
    <message>
        <source>Continue from here</source>
        <translation>从这里继续</translation>
    </message>
    <message>
        <source>Drop the steps after the chosen one and go on from it with the current settings (the CSV then holds the branch taken)</source>
        <translation>丢弃所选步之后的步，用当前设置从这一步接着运行（CSV 中记录的就是这条新分支）</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>Follow the run again (the slider&apos;s right end)</source>
        <translation>重新跟随运行（滑块的最右端）</translation>
    </message>
    <message>
        <source>Choose a recorded step: the map, the loss curve, the inspector and the model views show it (← / → one step when focused)</source>
        <translation>选择一个已记录的步：地图、损失曲线、单步详解和模型视图都会显示这一步（获得焦点时用 ← / → 逐步移动）</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Lesson</source>
        <translation>课程设置</translation>
    </message>
    <message>
        <source>Remove Lane</source>
        <translation>移除赛道</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>恢复默认设置</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
</context>
<context>
    <name>Window</name>
    <message>
        <source>The step budget is spent: raise Steps to go on, or press Run to start again.</source>
        <extracomment>what Step says on a run that has ended (Run starts it again)</extracomment>
        <translation>步数上限已用完：调高“步数”即可继续，或按“运行”重新开始。</translation>
    </message>
    <message>
        <source>The run converged (‖∇f‖ ≤ tolerance): lower Tolerance to go on, or press Run to start again.</source>
        <translation>运行已收敛（‖∇f‖ ≤ 容差）：调低“容差”即可继续，或按“运行”重新开始。</translation>
    </message>
    <message>
        <source>The run diverged: lower the learning rate and press Run to start again.</source>
        <translation>运行已发散：请降低学习率，再按“运行”重新开始。</translation>
    </message>
    <message>
        <source>The run left the function&apos;s domain (f is undefined there): choose another start or a smaller learning rate and press Run.</source>
        <translation>运行离开了函数的定义域（f 在那里没有定义）：请选择别的起点或更小的学习率，然后按“运行”。</translation>
    </message>
    <message>
        <source>gdlab — gradient descent lab</source>
        <translation>gdlab — 梯度下降法实验室</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The last race had {ended}: started again from the start point with the current settings.</source>
        <translation>上一场比赛{ended}：已按当前设置从起点重新开始。</translation>
    </message>
    <message>
        <source>The last run had {ended}: started again from the start point with the current settings.</source>
        <translation>上一次运行{ended}：已按当前设置从起点重新开始。</translation>
    </message>
    <message>
        <source>Internal error (a bug in gdlab):</source>
        <translation>内部错误（gdlab 的缺陷）：</translation>
    </message>
    <message>
        <source>Internal error in the run (a bug in gdlab); the run stopped:</source>
        <translation>运行中出现内部错误（gdlab 的缺陷），运行已停止：</translation>
    </message>
</context>
</TS>
