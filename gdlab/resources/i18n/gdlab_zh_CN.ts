<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>the Hessian: the second derivatives at θ</source>
        <extracomment>every sentence the inspector shows, in one place (format strings)</extracomment>
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
        <source>{H} has a negative eigenvalue here (λ = {lo:.3g}): Newton heads for a saddle or a maximum</source>
        <translation>{H} 在此处有负特征值（λ = {lo:.3g}）：牛顿法会走向鞍点或最大值</translation>
    </message>
    <message>
        <source>{H} is singular here (eigenvalues {lo:.3g}, {hi:.3g}): the Newton step is undefined; this step is a gradient step lr·g</source>
        <translation>{H} 在此处奇异（特征值 {lo:.3g}, {hi:.3g}）：牛顿步无定义；这一步改为梯度步 lr·g</translation>
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
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run or pause</source>
        <translation>运行或暂停</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>One update</source>
        <translation>更新一次</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to the start point</source>
        <translation>回到起点</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export the trajectory as CSV</source>
        <translation>将轨迹导出为 CSV</translation>
    </message>
    <message>
        <source>Reset View</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Back to the default view box</source>
        <translation>回到默认的视图范围</translation>
    </message>
    <message>
        <source>Same Scale on Both Axes</source>
        <translation>两轴等比例</translation>
    </message>
    <message>
        <source>Draw x and y to the same scale (1:1), so that steps look perpendicular to the level sets</source>
        <translation>以相同比例（1:1）绘制 x 和 y，使每一步看起来与等高线垂直</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
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
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About gdlab</source>
        <translation>关于 gdlab</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>A desktop learning lab for gradient descent.</source>
        <translation>一个学习梯度下降法的桌面实验室。</translation>
    </message>
</context>
<context>
    <name>Copy</name>
    <message>
        <source>Copy as Command Line</source>
        <translation>复制为命令行</translation>
    </message>
    <message>
        <source>Copy as Python</source>
        <translation>复制为 Python</translation>
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
        <source>Gradient Field (−∇f)</source>
        <translation>梯度场（−∇f）</translation>
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
</context>
<context>
    <name>Imported</name>
    <message>
        <source>Open Trajectory…</source>
        <extracomment>dark, saturated colours unlike the lanes&apos; (a dashed line over a white halo reads on the map&apos;s dark and light parts alike, and on the loss plot&apos;s white)</extracomment>
        <translation>打开轨迹…</translation>
    </message>
    <message>
        <source>Draw a CSV with x, y (and loss, step) columns over the map and the loss plot</source>
        <translation>把含有 x、y 列（可选：损失、步数列）的 CSV 轨迹画在地图和损失图上</translation>
    </message>
    <message>
        <source>Remove Imported Trajectories</source>
        <translation>移除导入的轨迹</translation>
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
        <source>System</source>
        <translation>跟随系统</translation>
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
        <translation>设置此步骤</translation>
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
        <source>Open this lesson in the Lessons panel: read, predict, then set it up</source>
        <translation>在课程面板中打开这一课：阅读、先预测，再设置</translation>
    </message>
    <message>
        <source>(no lessons found)</source>
        <translation>（没有找到课程）</translation>
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
    <name>Maps</name>
    <message>
        <source>Maps</source>
        <translation>图谱</translation>
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
        <source>spiral</source>
        <extracomment>the data sets&apos; names as the list shows them (the recipe keeps the engine&apos;s name)</extracomment>
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
        <source>numerical (central difference)</source>
        <translation>数值微分（中心差分）</translation>
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
        <source>Noise seed</source>
        <translation>噪声种子</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
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
        <source>Export Image…</source>
        <translation>导出图片…</translation>
    </message>
    <message>
        <source>Copy Image of the Map</source>
        <translation>复制地图图片</translation>
    </message>
    <message>
        <source>Export Animation…</source>
        <translation>导出动画…</translation>
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
    <name>Presentation</name>
    <message>
        <source>Presentation</source>
        <extracomment>the greys of secondary text, black in presentation mode (contrast for a projector)</extracomment>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Full screen, large text, thick lines, high contrast</source>
        <translation>全屏、大字、粗线、高对比度</translation>
    </message>
    <message>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom Out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Actual Size</source>
        <translation>实际大小</translation>
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
        <extracomment>a colour-blind-safe qualitative palette of mid-light colours from Okabe–Ito&apos;s and Paul Tol&apos;s (https://personal.sron.nl/~pault/): each reads on white (contrast ≥ 3:1: the loss plot, the legend, the table) and on the map&apos;s darkest viridis (≥ 2.4:1; on its light parts the lanes&apos; dark halo outlines them), ordered so that the first ones stay the farthest apart under simulated deuteranopia and protanopia (no yellow or sky blue: they vanish on white)</extracomment>
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
        <source>Open Session…</source>
        <translation>打开会话…</translation>
    </message>
    <message>
        <source>Save Session…</source>
        <translation>保存会话…</translation>
    </message>
    <message>
        <source>Open Recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>Recover Autosave</source>
        <translation>恢复自动保存</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>恢复默认设置</translation>
    </message>
    <message>
        <source>The settings of &apos;gdlab run&apos; without flags, one lane</source>
        <translation>“gdlab run”不带参数时的设置，一条赛道</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
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
        <source>Undo {what}</source>
        <translation>撤销“{what}”</translation>
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
</context>
</TS>
